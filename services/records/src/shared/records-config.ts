import { z } from 'zod';

const Decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal');

/** Settings of the records service beyond the platform's, validated at start-up. */
export const RecordsSettingsSchema = z.object({
  /** The lab's calendar: authorisation and calibration validity are decided per lab day. */
  RECORDS_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone'),
  /** R-6.3.3: how far (seconds) a reading's claimed time may lie behind the server's clock before it is late. */
  RECORDS_LATE_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /** R-6.3.3: `refuse` late readings outright, or `mark` them late when a reason is given (refused without one). */
  RECORDS_LATE_POLICY: z.enum(['refuse', 'mark']).default('mark'),
  /** R-8.2: significance level of the Grubbs outlier test among repeats. */
  RECORDS_OUTLIER_ALPHA: z.enum(['0.01', '0.05']).default('0.05'),
  /** R-8.2: a result further than this fraction of its nominal value from the nominal is implausible. */
  RECORDS_PLAUSIBLE_RELATIVE: Decimal.default('0.2'),
  /** R-8.2: |En| above this against the item's previous result (or a check standard) is a step change. */
  RECORDS_STEP_EN_LIMIT: Decimal.default('1'),
  /** R-6.3.6, R-7.3.2: retention of raw records in years from approval; never below 6. */
  RECORDS_RETENTION_YEARS: z.coerce.number().int().min(6).max(100).default(6),
  /** R-7.2: publish a chain checkpoint after this many entries (0: only by timer or on request). */
  RECORDS_CHECKPOINT_EVERY: z.coerce.number().int().min(0).default(100),
  /** R-7.2: how often every institution's chain head is checkpointed when it moved (0: never by timer). */
  RECORDS_CHECKPOINT_MS: z.coerce.number().int().min(0).default(600_000),
});

export type RecordsSettings = z.infer<typeof RecordsSettingsSchema>;
export const RECORDS_SETTINGS = Symbol('RECORDS_SETTINGS');

export function loadRecordsSettings(env: NodeJS.ProcessEnv = process.env): RecordsSettings {
  const parsed = RecordsSettingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid records configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
