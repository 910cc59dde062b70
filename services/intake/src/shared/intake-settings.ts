import { z } from 'zod';

const timeZone = z
  .string()
  .default('Asia/Shanghai')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-CA', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone, e.g. Asia/Shanghai');

/** Settings of the intake service beyond the platform's, validated at start-up. */
export const IntakeSettingsSchema = z
  .object({
    /** The lab's calendar: promised dates and breaches change at the lab's midnight. */
    INTAKE_TIME_ZONE: timeZone,
    /** How often every institution's time-limit clocks are checked (0 = only on demand). */
    INTAKE_TIME_LIMIT_SWEEP_MS: z.coerce.number().int().min(0).max(86_400_000).default(900_000),
    /** An item is "about to breach" when this many working days or fewer are left. */
    INTAKE_AT_RISK_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(1),
    /** Published fee schedule and time-limit table must be reviewed this often. */
    INTAKE_DISCLOSURE_REVIEW_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /**
     * Moves the service's clock by whole days. Only for tests and drills of the time-limit clock:
     * refused at start-up unless NODE_ENV is "test".
     */
    INTAKE_CLOCK_OFFSET_DAYS: z.coerce.number().int().min(-3650).max(3650).default(0),
    NODE_ENV: z.string().optional(),
  })
  .refine((s) => s.INTAKE_CLOCK_OFFSET_DAYS === 0 || s.NODE_ENV === 'test', {
    path: ['INTAKE_CLOCK_OFFSET_DAYS'],
    message: 'may only be set when NODE_ENV is "test"',
  });

export type IntakeSettings = z.infer<typeof IntakeSettingsSchema>;
export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

export function loadIntakeSettings(env: NodeJS.ProcessEnv = process.env): IntakeSettings {
  const parsed = IntakeSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration for intake:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
