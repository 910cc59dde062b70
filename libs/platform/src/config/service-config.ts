import { z } from 'zod';

/**
 * Configuration every service reads from its environment, validated at start-up so a bad
 * deployment fails at once with the variable named, not later with a confusing error.
 */
export const ServiceConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  DATABASE_URL: z.url().default('postgres://calchain:calchain@127.0.0.1:55432/calchain'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:59092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean)),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-z0-9._-]*$/).default(''),
  REDIS_URL: z.url().default('redis://127.0.0.1:56379'),
  /** Keeps two deployments that share one Redis (test platforms, staging beside production) out of each other's rate buckets and idempotency locks. */
  REDIS_KEY_PREFIX: z.string().regex(/^[a-z0-9._:-]*$/).default(''),
  JWT_SECRET: z.string().min(32, 'at least 32 characters'),
  JWT_ISSUER: z.string().default('calchain-local'),
  JWT_AUDIENCE: z.string().default('calchain'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(200),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
});

export type ServiceConfig = z.infer<typeof ServiceConfigSchema> & { SERVICE_NAME: string };

export class ConfigurationError extends Error {}

export function loadServiceConfig(
  service: { name: string; defaultPort: number },
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const parsed = ServiceConfigSchema.safeParse({
    ...env,
    PORT: env.PORT ?? service.defaultPort,
    DB_SCHEMA: env.DB_SCHEMA ?? service.name,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigurationError(`invalid configuration for ${service.name}:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, SERVICE_NAME: service.name };
}
