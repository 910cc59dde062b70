import { z } from 'zod';
import { Code, DateText, MoneyText, OptionalText, PageQuery, Text } from '../../shared/api/dto';

const ServiceKind = z.enum(['calibration', 'verification']);

/** one line of the published fee schedule. */
export const PutFeeBody = z.object({
  description: Text(300),
  serviceKind: ServiceKind.nullable().default(null),
  discipline: Code.nullable().default(null),
  unitPrice: MoneyText,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code').default('CNY'),
  unit: Text(60).default('per instrument'),
  /** The price basis: the pricing authority's document or the institution's decision. */
  basis: OptionalText(300),
});

/** one row of the published time-limit table, in working days. */
export const PutTimeLimitBody = z.object({
  serviceKind: ServiceKind,
  discipline: Code,
  workingDays: z.number().int().min(0).max(365),
  note: OptionalText(300),
});

/** A public holiday, or a rest day worked instead (调休). */
export const PutCalendarDayBody = z.object({ kind: z.enum(['holiday', 'working-day']), name: Text(100) });

export const CalendarQuery = z.object({ from: DateText.optional(), to: DateText.optional() });

/** the published document was checked and is current. */
export const DisclosureReviewBody = z.object({
  document: z.enum(['fee-schedule', 'time-limits']),
  reviewedOn: DateText,
  note: OptionalText(500),
});

export const PromiseQuery = PageQuery.extend({
  contractId: z.uuid().optional(),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
