import { z } from 'zod';
import { IsoDateTime } from '@calchain/platform';
import { FeedbackClasses } from '../domain/satisfaction';

const Score = z.number().int().min(1).max(5);

export const IdParam = z.uuid();
export const ResponseBody = z.object({
  channel: z.enum(['web-form', 'phone', 'mail', 'email', 'in-person']),
  /** The site that served the order; intake's return event does not carry it. */
  site: z.string().trim().min(1).max(100).nullable().default(null),
  overall: Score,
  timeliness: Score.nullable().default(null),
  service: Score.nullable().default(null),
  reportQuality: Score.nullable().default(null),
  classification: z.enum(FeedbackClasses),
  comment: z.string().trim().max(2000).nullable().default(null),
});
export const SurveyQuery = z.object({ status: z.enum(['awaiting-response', 'answered']).optional() });
export const IndexQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime, by: z.enum(['month', 'site', 'discipline']).default('month') })
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });
