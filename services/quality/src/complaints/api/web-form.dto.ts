import { z } from 'zod';
import { WebFormCategories } from '@calchain/contracts';
import { hasChars } from '@calchain/platform';

/**
 * the public complaint form. Strict: an unknown field is refused, so nothing arrives
 * that the form did not ask for. Channel, time of receipt and filer are not the caller's to set.
 */
export const WebFormComplaintBody = z
  .object({
    /** The closed list shared with the console's form (R-8.3.1, R-8.3.3: no free-text category). */
    category: z.enum(WebFormCategories),
    subject: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(8000),
    /** ask for the complainant's identity to be kept confidential. */
    confidential: z.boolean().default(false),
    complainant: z
      .object({
        name: z.string().trim().min(1).max(200),
        contact: z.string().trim().min(3).max(200).refine(hasChars(3), 'at least 3 characters'),
        organisation: z.string().trim().min(1).max(200).nullable().default(null),
      })
      .strict(),
  })
  .strict();

export type WebFormComplaint = z.infer<typeof WebFormComplaintBody>;
