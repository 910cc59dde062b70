import type Redis from 'ioredis';
import { ProblemException, problemTypeBase } from '@calchain/platform';
import type { UpstreamAnswer } from '../routing/upstream-call';
import { beginIdempotent } from './idempotency';

export type IdempotentResult = { answer: UpstreamAnswer; replayed: boolean };

/**
 * Runs a POST at most once per idempotency key (issue 9: a retried request returns the first
 * response, never a second effect). `scope` keeps keys of different clients apart; the
 * fingerprint ties the key to one request, so another body with the same key is refused (422).
 * Throws problem+json for a malformed key, a reused key and a first request still running.
 */
export async function runIdempotent(
  redis: Redis,
  scope: string,
  key: string,
  fingerprint: string,
  ttlSeconds: number,
  run: () => Promise<UpstreamAnswer>,
): Promise<IdempotentResult> {
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw ProblemException.validation([{ field: 'idempotency-key', rule: 'format', message: '8–128 letters, digits, _ . : -' }]);
  }
  const outcome = await beginIdempotent(redis, `${scope}:${key}`, fingerprint, { ttlSeconds });
  if (outcome.kind === 'replay') {
    return { replayed: true, answer: { status: outcome.stored.status, headers: outcome.stored.headers, body: Buffer.from(outcome.stored.bodyBase64, 'base64') } };
  }
  if (outcome.kind === 'mismatch') {
    throw new ProblemException({
      type: `${problemTypeBase}idempotency-key-reused`, title: 'Unprocessable', status: 422,
      detail: 'This idempotency key was used for a different request.',
      errors: [{ field: 'idempotency-key', rule: 'same-request', message: 'a key stands for one request' }],
    });
  }
  if (outcome.kind === 'busy') {
    throw Object.assign(ProblemException.conflict('The first request with this idempotency key is still running; retry.'), { retryAfterSeconds: 1 });
  }
  let answer: UpstreamAnswer | undefined;
  try {
    answer = await run();
    return { answer, replayed: false };
  } finally {
    // Server failures are not remembered: the retry may well succeed, and nothing happened.
    const remember = answer && answer.status < 500;
    await outcome.release(remember ? { fingerprint, status: answer!.status, headers: answer!.headers, bodyBase64: answer!.body.toString('base64') } : undefined);
  }
}
