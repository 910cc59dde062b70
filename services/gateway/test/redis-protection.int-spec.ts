import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { beginIdempotent } from '../src/protection/idempotency';
import { takeRateToken } from '../src/protection/rate-limit';

/** The Redis side of rate limits and idempotency under concurrency, on the real local Redis. */
describe('gateway protection on real Redis', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:56379');
  afterAll(() => redis.quit());

  it('lets exactly the limit through under 60 concurrent requests, per client and per route', async () => {
    const client = `c-${randomUUID()}`;
    const now = Date.now();
    const verdicts = await Promise.all(Array.from({ length: 60 }, () => takeRateToken(redis, client, 'GET:intake/work-orders', 10, now)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(10);
    expect(verdicts.filter((v) => !v.allowed).every((v) => v.retryAfterSeconds >= 1 && v.retryAfterSeconds <= 60)).toBe(true);
    expect((await takeRateToken(redis, client, 'GET:intake/customers', 10, now)).allowed).toBe(true);
    expect((await takeRateToken(redis, `${client}-other`, 'GET:intake/work-orders', 10, now)).allowed).toBe(true);
    expect(await redis.pttl(`gw:rl:${client}:GET:intake/work-orders:${Math.floor(now / 60000)}`)).toBeGreaterThan(0);
  });

  it('keeps two deployments sharing one Redis in their own buckets and locks (REDIS_KEY_PREFIX)', async () => {
    const [east, west] = [`east-${randomUUID()}.`, `west-${randomUUID()}.`].map((keyPrefix) => new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:56379', { keyPrefix }));
    try {
      const now = Date.now();
      expect((await takeRateToken(east!, 'ip:127.0.0.1', 'ANY:edge', 1, now)).allowed).toBe(true);
      expect((await takeRateToken(east!, 'ip:127.0.0.1', 'ANY:edge', 1, now)).allowed).toBe(false);
      expect((await takeRateToken(west!, 'ip:127.0.0.1', 'ANY:edge', 1, now)).allowed).toBe(true);
      const scope = `s-${randomUUID()}`;
      const inEast = await beginIdempotent(east!, scope, 'fp', { ttlSeconds: 60, waitMs: 0 });
      const inWest = await beginIdempotent(west!, scope, 'fp', { ttlSeconds: 60, waitMs: 0 });
      expect([inEast.kind, inWest.kind]).toEqual(['fresh', 'fresh']); // each holds its own lock on the same key
      for (const outcome of [inEast, inWest]) if (outcome.kind === 'fresh') await outcome.release(undefined);
    } finally {
      await Promise.all([east!.quit(), west!.quit()]);
    }
  });

  it('runs one of ten concurrent duplicates; the other nine get its stored response', async () => {
    const scope = `s-${randomUUID()}`;
    let runs = 0;
    const attempt = async () => {
      const outcome = await beginIdempotent(redis, scope, 'fp', { ttlSeconds: 60, waitMs: 5000 });
      if (outcome.kind === 'fresh') {
        runs += 1;
        await new Promise((r) => setTimeout(r, 200));
        await outcome.release({ fingerprint: 'fp', status: 201, headers: {}, bodyBase64: Buffer.from('first').toString('base64') });
        return 'first';
      }
      return outcome.kind === 'replay' ? Buffer.from(outcome.stored.bodyBase64, 'base64').toString() : outcome.kind;
    };
    const results = await Promise.all(Array.from({ length: 10 }, attempt));
    expect(runs).toBe(1);
    expect(results).toEqual(Array(10).fill('first'));
    expect((await beginIdempotent(redis, scope, 'other', { ttlSeconds: 60 })).kind).toBe('mismatch');
  });

  it('tells a duplicate to retry while the first still runs, and frees the key when the first crashed', async () => {
    const scope = `s-${randomUUID()}`;
    const first = await beginIdempotent(redis, scope, 'fp', { ttlSeconds: 60, lockMs: 600 });
    expect(first.kind).toBe('fresh');
    expect((await beginIdempotent(redis, scope, 'fp', { ttlSeconds: 60, waitMs: 100 })).kind).toBe('busy');
    // The first never releases (process died): its lock expires and a retry may run.
    await new Promise((r) => setTimeout(r, 700));
    const retry = await beginIdempotent(redis, scope, 'fp', { ttlSeconds: 60, waitMs: 100 });
    expect(retry.kind).toBe('fresh');
    if (retry.kind === 'fresh') await retry.release(undefined);
    // A failure is not remembered: the next attempt runs again.
    const again = await beginIdempotent(redis, scope, 'fp', { ttlSeconds: 60, waitMs: 100 });
    expect(again.kind).toBe('fresh');
    if (again.kind === 'fresh') await again.release(undefined);
  });
});
