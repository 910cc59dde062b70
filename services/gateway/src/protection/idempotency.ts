import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export interface StoredResponse {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

export type IdempotencyOutcome =
  | { kind: 'replay'; stored: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'busy' }
  | { kind: 'fresh'; release: (response: StoredResponse | undefined) => Promise<void> };

/** What makes a retry "the same request": method, path and body bytes. */
export function requestFingerprint(method: string, path: string, body: Buffer | undefined): string {
  return createHash('sha256').update(method).update('\0').update(path).update('\0').update(body ?? Buffer.alloc(0)).digest('hex');
}

const releaseScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Idempotency keys for POSTs (issue 9): the first request with a key takes a Redis lock and
 * runs; its response is stored under the key and replayed to every later request with that key,
 * so a retry never causes a second effect. A duplicate arriving while the first still runs waits
 * for the stored response (up to `waitMs`), then is told to retry.
 */
export async function beginIdempotent(
  redis: Redis,
  scope: string,
  fingerprint: string,
  options: { ttlSeconds: number; lockMs?: number; waitMs?: number },
): Promise<IdempotencyOutcome> {
  const responseKey = `gw:idem:${scope}:response`;
  const lockKey = `gw:idem:${scope}:lock`;
  const lockMs = options.lockMs ?? 35000;
  const deadline = Date.now() + (options.waitMs ?? 30000);
  for (;;) {
    const stored = await redis.get(responseKey);
    if (stored) {
      const parsed = JSON.parse(stored) as StoredResponse;
      return parsed.fingerprint === fingerprint ? { kind: 'replay', stored: parsed } : { kind: 'mismatch' };
    }
    const token = randomUUID();
    if ((await redis.set(lockKey, token, 'PX', lockMs, 'NX')) === 'OK') {
      // The response may have been stored between our read and the lock: look once more.
      const late = await redis.get(responseKey);
      if (late) {
        await redis.eval(releaseScript, 1, lockKey, token);
        continue;
      }
      return {
        kind: 'fresh',
        release: async (response) => {
          if (response) await redis.set(responseKey, JSON.stringify(response), 'EX', options.ttlSeconds);
          await redis.eval(releaseScript, 1, lockKey, token);
        },
      };
    }
    if (Date.now() > deadline) return { kind: 'busy' };
    await new Promise((r) => setTimeout(r, 50));
  }
}
