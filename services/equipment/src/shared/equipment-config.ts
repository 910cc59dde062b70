import { z } from 'zod';

/** Settings of the equipment service beyond the platform's, validated at start-up. */
export const EquipmentSettingsSchema = z.object({
  /** The lab's calendar: due and overdue change at the lab's midnight. */
  EQUIPMENT_TIME_ZONE: z
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
  /** How often statuses are recomputed; hourly catches each new day within an hour of midnight. */
  EQUIPMENT_STATUS_SWEEP_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** Where a label's QR code points: the public page or endpoint showing the live status. */
  EQUIPMENT_PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3004'),
  /** A TrueType font or collection with CJK glyphs, embedded in label PDFs and used for PNG labels (Debian: fonts-wqy-microhei). */
  EQUIPMENT_LABEL_FONT: z.string().min(1).default('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
  /** For a collection (.ttc): the PostScript name of the face the PDF uses. */
  EQUIPMENT_LABEL_FONT_FACE: z.string().min(1).default('WenQuanYiMicroHei'),
});

export type EquipmentSettings = z.infer<typeof EquipmentSettingsSchema>;
export const EQUIPMENT_SETTINGS = Symbol('EQUIPMENT_SETTINGS');

export function loadEquipmentSettings(env: NodeJS.ProcessEnv = process.env): EquipmentSettings {
  const parsed = EquipmentSettingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid equipment configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
