import type Redis from 'ioredis';

export interface RateVerdict {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * Fixed one-minute window per client and route, counted in Redis so every gateway replica shares
 * it. INCR and PEXPIRE run in one MULTI, so a crash between them cannot leave an eternal counter.
 */
export async function takeRateToken(redis: Redis, client: string, route: string, perMinute: number, now = Date.now()): Promise<RateVerdict> {
  const window = Math.floor(now / 60000);
  const key = `gw:rl:${client}:${route}:${window}`;
  const result = await redis.multi().incr(key).pexpire(key, 61000).exec();
  const count = Number(result?.[0]?.[1] ?? 0);
  const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * 60000 - now) / 1000));
  return { allowed: count <= perMinute, remaining: Math.max(0, perMinute - count), retryAfterSeconds };
}

/** The route part of the key: service and first path segment, so ids do not make new buckets. */
export function rateRouteKey(method: string, service: string, path: string): string {
  const first = path.split('?')[0]!.split('/').filter(Boolean)[0] ?? '';
  return `${method.toUpperCase()}:${service}/${first}`;
}
