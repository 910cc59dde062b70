import { z } from 'zod';
import { IsoDate, IsoDateTime } from '@calchain/platform';
import { ComplaintChannels, ComplaintOutcomes } from '../domain/complaint';

const Instant = IsoDateTime.transform((v) => new Date(v));

/** a complaint from any channel; R-8.3.3 `confidential` asks for the complainant to be kept confidential. */
export const RegisterComplaintBody = z.object({
  channel: z.enum(ComplaintChannels),
  category: z.string().trim().min(1).max(60),
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(8000),
  workOrderId: z.uuid().nullable().default(null),
  /** When it reached the institution (a letter may be logged after it arrived); default: now. */
  receivedAt: Instant.nullable().default(null),
  confidential: z.boolean().default(false),
  complainant: z.object({
    name: z.string().trim().min(1).max(200),
    contact: z.string().trim().min(1).max(200),
    organisation: z.string().trim().max(200).nullable().default(null),
  }),
});

export const PolicyBody = z.object({ handlingDays: z.number().int().min(1).max(365) });

export const HandlerBody = z.object({ handler: z.string().trim().min(1).max(100) });

export const StepBody = z.object({ kind: z.enum(['investigation', 'contact', 'reply-sent', 'note']), note: z.string().trim().min(1).max(4000) });

/** reason and agreement are checked by the rule itself, so a missing one names the clause. */
export const ExtensionBody = z.object({
  newDueAt: Instant,
  reason: z.string().trim().max(2000).default(''),
  complainantAgreement: z.object({ agreedOn: IsoDate, via: z.string().trim().min(1).max(200) }).nullable().default(null),
});

export const CloseBody = z.object({
  outcome: z.enum(ComplaintOutcomes),
  resolution: z.string().trim().max(4000),
  openCorrectiveAction: z.boolean().default(false),
});

export const ListQuery = z.object({ status: z.enum(['received', 'in-handling', 'closed']).optional() });

export const RangeQuery = z
  .object({ from: Instant.optional(), to: Instant.optional() })
  .transform(({ from, to }) => ({ from: from ?? new Date('1970-01-01T00:00:00Z'), to: to ?? new Date('9999-12-31T00:00:00Z') }));

export const IdParam = z.uuid();
export const InstitutionParam = z.string().trim().min(1).max(64);
