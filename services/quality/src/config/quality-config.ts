import { z } from 'zod';

/**
 * Configuration of the quality service beyond the platform's own, validated at start-up: a bad
 * or missing key stops the service at once, naming the variable (never printing its value).
 *
 * QUALITY_DATA_KEY protects personal data at rest (national ids, registration numbers, complainant
 * identities; ). There is deliberately no development default: a default key
 * would end up encrypting real data somewhere. `scripts/env.sh` generates one for local runs.
 */
export const QualityConfigSchema = z.object({
  QUALITY_DATA_KEY: z
    .string({ error: 'required: 32 random bytes, base64 (e.g. `head -c 32 /dev/urandom | base64`)' })
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v.trim()) && Buffer.from(v.trim(), 'base64').length === 32, {
      message: 'must be exactly 32 bytes, base64-encoded',
    }),
  /** The labs' calendar: authorisation days, age and expiry are counted in this zone. */
  QUALITY_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-CA', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone, e.g. Asia/Shanghai'),
  /** How often expiry, staffing and complaint time limits are re-evaluated for every institution. */
  QUALITY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /** Complaint handling time limit (calendar days) for institutions that have not published their own. */
  QUALITY_DEFAULT_COMPLAINT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export type QualityConfig = z.infer<typeof QualityConfigSchema>;
export const QUALITY_CONFIG = Symbol('QUALITY_CONFIG');

export class QualityConfigurationError extends Error {}

export function loadQualityConfig(env: NodeJS.ProcessEnv = process.env): QualityConfig {
  const parsed = QualityConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new QualityConfigurationError(`invalid configuration for quality:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
