import { z } from 'zod';
import { EmailAddress, hasChars, IsoDate, IsoDateTime } from '@calchain/platform';
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

const POLICY_TEXT_MAX = 300;
// The bound is checked before trimming, so nothing longer than the published maxLength gets in by its spaces.
const policyText = z.string().max(POLICY_TEXT_MAX).trim().min(1);

/**
 * the complaint policy the institution publishes: the time limit, the number and
 * addresses a complainant uses, office hours and the handling flow in order.
 *
 * PUT is a full replacement: a contact or flow left out (or null) is no longer published, so what
 * the supervisor sends is exactly what the public reads. Strict, so a misspelt or nested field is
 * refused by name rather than silently clearing what it was meant to set. No flow = the default one.
 */
export const PolicyBody = z
  .object({
    handlingDays: z.number().int().min(1).max(365),
    // Digits, spaces and + - ( ) only, with at least one digit: a number someone can dial. Checked
    // before trimming, so the published pattern is exactly what is enforced.
    phone: z.string().regex(/^(?=.*[0-9])[0-9 +()-]{5,30}$/, 'a telephone number: digits, spaces and + - ( ), 5–30 characters').trim().nullable().default(null),
    email: EmailAddress.nullable().default(null),
    postalAddress: policyText.nullable().default(null),
    officeHours: policyText.nullable().default(null),
    flow: z.array(z.string().max(200).trim().min(2).refine(hasChars(2), 'at least 2 characters')).min(2).max(12).nullable().default(null),
  })
  .strict();

export type PolicyInput = z.infer<typeof PolicyBody>;

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
