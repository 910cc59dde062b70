import { z } from 'zod';
import { hasChars, intParam, IsoDate, IsoDateTime } from '@calchain/platform';

const Decimal = z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'a decimal string such as "20.05"');
const PositiveDecimal = z.string().trim().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Instant = IsoDateTime;

export const OpenRecordBody = z.object({
  standardIds: z.array(z.uuid()).max(50),
  equipmentIds: z.array(z.uuid()).max(100).default([]),
  roomId: z.uuid().nullable().optional(),
  roomCode: Text(100).nullable().optional(),
}).strict();

export const Adjustment = z.enum(['not-adjusted', 'before-adjustment', 'after-adjustment']);

export const ReadingsBody = z.object({
  readings: z
    .array(
      z.object({
        symbol: Text(50),
        point: Text(60),
        nominal: Decimal.nullable().optional(),
        adjustment: Adjustment.optional(),
        value: Decimal,
        unit: Text(30).optional(),
        claimedAt: Instant.nullable().optional(),
        lateReason: Text(500).nullable().optional(),
      }).strict(),
    )
    .min(1)
    // a handful per request, as readings are taken; there is no bulk import.
    .max(50),
}).strict();

export const ConditionsBody = z.object({
  conditions: z
    .array(
      z.object({
        quantity: z.enum(['temperature', 'relative-humidity', 'pressure', 'mains-voltage', 'mains-frequency', 'vibration', 'emi']),
        value: Decimal,
        unit: Text(30),
        claimedAt: Instant.nullable().optional(),
        lateReason: Text(500).nullable().optional(),
      }).strict(),
    )
    .min(1)
    .max(20),
}).strict();

export const CorrectionBody = z.object({
  value: Decimal,
  /** why the value is wrong; the person and time come from the token and the server. */
  reason: z.string().trim().min(5, 'say why the value is corrected').max(500).refine(hasChars(5), 'say why the value is corrected'),
}).strict();

const TypeB = z.object({
  halfWidth: PositiveDecimal,
  dist: z.enum(['normal', 'rectangular', 'triangular', 'arcsine', 'u-shaped', 'trapezoidal', 'uniform']),
  k: PositiveDecimal.optional(),
  beta: PositiveDecimal.optional(),
}).strict();

const InputSpec = z.object({
  estimate: Decimal.optional(),
  u: z.union([PositiveDecimal, TypeB]).optional(),
  dof: z.union([z.number().positive(), z.literal('inf'), z.string().regex(/^\d+(\.\d+)?$/)]).optional(),
  source: Text(200),
}).strict();

const Symbol = z.string().min(1).max(50);

export const CalculationBody = z.object({
  quantity: Text(100),
  unit: Text(30),
  uncertaintyUnit: Text(30).optional(),
  outputKind: z.enum(['value', 'error']),
  indicationSymbol: Symbol.nullable().optional(),
  referenceSymbol: Symbol.nullable().optional(),
  p: z.enum(['0.6827', '0.90', '0.95', '0.9545', '0.99', '0.9973']).optional(),
  evaluation: z.enum(['gum', 'monte-carlo']).optional(),
  trials: z.number().int().min(10_000).max(2_000_000).optional(),
  seed: z.number().int().min(1).max(2 ** 31).optional(),
  reportMode: z.enum(['round', 'up']).optional(),
  digits: z.union([z.literal(1), z.literal(2)]).optional(),
  inputs: z.record(Symbol, InputSpec).optional(),
  points: z.record(Text(60), z.object({ inputs: z.record(Symbol, InputSpec).optional(), limit: Text(100).optional() }).strict()).optional(),
  checkStandards: z.array(z.object({ point: Text(60), expected: Decimal, expandedUncertainty: PositiveDecimal }).strict()).max(50).optional(),
}).strict();

export const ReturnBody = z.object({ comments: z.string().trim().min(5).max(2000).refine(hasChars(5), 'at least 5 characters') }).strict();
export const RemeasureBody = z.object({ reason: z.string().trim().min(5).max(500).refine(hasChars(5), 'at least 5 characters') }).strict();

export const SearchQuery = z
  .object({
    workOrderId: z.uuid().optional(),
    itemId: z.uuid().optional(),
    orderNumber: Text(60).optional(),
    serialNumber: Text(100).optional(),
    customerId: Text(64).optional(),
    methodCode: Text(100).optional(),
    standardId: z.uuid().optional(),
    equipmentId: z.uuid().optional(),
    person: Text(200).optional(),
    status: z.enum(['pending', 'dispatched', 'open', 'submitted', 'returned', 'suspicious', 'approved', 'remeasured', 'destroyed']).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: intParam(1, 1000).default(200),
    offset: intParam(0).default(0),
  })
  .strict()
  .refine((q) => Object.entries(q).some(([k, v]) => !['limit', 'offset'].includes(k) && v !== undefined), {
    message: 'give at least one of workOrderId, itemId, orderNumber, serialNumber, customerId, methodCode, standardId, equipmentId, person, status, from, to',
    path: ['workOrderId'],
  });
