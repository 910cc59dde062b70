import { z } from 'zod';
import { hasChars, IsoDate, IsoDateTime } from '@calchain/platform';

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');
export const IdParam = z.uuid();

export const DraftEditBody = z.strictObject({
  omittedFromStatement: z.array(z.strictObject({ resultId: z.string().min(1).max(100), reason: z.string().min(3).max(500).refine(hasChars(3), 'at least 3 characters') })).optional(),
  recalibrationInterval: z
    .strictObject({ months: z.number().int().min(1).max(120), basis: z.enum(['method-recommends', 'customer-agreed']), reference: z.string().min(1).max(200) })
    .nullable()
    .optional(),
  remarks: z.array(z.string().min(1).max(500)).max(20).optional(),
});

export const DecisionRuleBody = z.strictObject({
  rule: z.enum(['simple', 'guarded', 'non-binary']),
  guardBand: Decimal.nullable().default(null),
  contractNumber: z.string().min(1).max(40).nullable().default(null),
  /** Why the technical manager overrides the rule that came with the contract review (recorded). */
  reason: z.string().min(3).max(500).refine(hasChars(3), 'at least 3 characters').nullable().default(null),
});

export const InstitutionBody = z.strictObject({ name: z.string().min(1).max(200), numberPrefix: z.string().regex(/^[A-Z0-9]{1,12}$/, 'upper-case letters and digits') });

export const EnrolBody = z.strictObject({
  printedName: z.string().min(1).max(100),
  pin: z.string().regex(/^\d{6,12}$/, '6 to 12 digits'),
  currentPin: z.string().optional(),
});

export const StaffNameBody = z.strictObject({ printedName: z.string().min(1).max(100) });

export const SignBody = z.strictObject({ pin: z.string().min(1).max(12) });

export const SupplementBody = z.strictObject({
  reason: z.string().min(3).max(500).refine(hasChars(3), 'at least 3 characters'),
  originalWasCorrect: z.boolean(),
  remarks: z.array(z.string().min(1).max(500)).min(1).max(20),
});

const ResultBody = z.strictObject({
  resultId: z.string().min(1).max(100),
  quantity: z.string().min(1).max(100),
  point: z.string().min(1).max(100),
  nominal: Decimal.nullable(),
  measuredValue: Decimal,
  referenceValue: Decimal.nullable(),
  error: Decimal.nullable(),
  correction: Decimal.nullable(),
  unit: z.string().min(1).max(30),
  expandedUncertainty: Decimal.nullable(),
  uncertaintyUnit: z.string().min(1).max(30).nullable(),
  coverageFactor: Decimal.nullable(),
  coverageProbability: Decimal.nullable(),
  adjustment: z.enum(['not-adjusted', 'before-adjustment', 'after-adjustment']),
  limit: z.string().min(1).max(100).nullable(),
});

export const ReissueBody = z.strictObject({
  reason: z.string().min(3).max(500).refine(hasChars(3), 'at least 3 characters'),
  results: z.array(ResultBody).min(1).optional(),
  remarks: z.array(z.string().min(1).max(500)).max(20).optional(),
});

export const ListQuery = z.strictObject({
  number: z.string().max(60).optional(),
  customerId: z.string().max(64).optional(),
  itemId: z.uuid().optional(),
  status: z.enum(['draft', 'issued', 'void']).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const FormatParam = z.enum(['json', 'xml', 'pdf']);

export const AccessLogQuery = z.strictObject({
  certificateId: z.uuid().optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});

export const VerifyBody = z
  .strictObject({ sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(), documentBase64: z.string().max(4_000_000).optional() }) // within the 4 MiB body limit: a PDF of up to ~3 MB
  .refine((b) => b.sha256 || b.documentBase64, { message: 'give sha256 or documentBase64', path: ['sha256'] });
