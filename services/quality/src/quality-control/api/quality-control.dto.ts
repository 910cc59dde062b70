import { z } from 'zod';
import { IsoDate, IsoDateTime } from '@calchain/platform';
import { Schemes, Scorings } from '../domain/proficiency';

/** Measured and reported values are decimal strings: a JSON number is refused (its digits are not the reported ones). */
const Decimal = z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'a decimal string, e.g. "100.03"');
const NonNegative = z.string().trim().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');
const Positive = NonNegative.refine((v) => /[1-9]/.test(v), 'must be greater than zero');

export const RoundBody = z.object({
  scheme: z.enum(Schemes),
  provider: z.string().trim().min(1).max(200),
  roundCode: z.string().trim().min(1).max(100),
  itemCode: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(300),
  scoring: z.enum(Scorings),
  closesOn: IsoDate.nullable().default(null),
});

export const ResultBody = z.object({
  artefact: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(30),
  labValue: Decimal,
  labUncertainty: NonNegative.nullable().default(null),
  assignedValue: Decimal,
  assignedUncertainty: NonNegative.nullable().default(null),
  sigmaPt: Positive.nullable().default(null),
});

export const ChartBody = z.object({
  itemCode: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  checkStandard: z.string().trim().min(1).max(200),
  quantity: z.string().trim().min(1).max(100),
  unit: z.string().trim().min(1).max(30),
  limits: z.object({ centre: Decimal, sigma: Positive }).nullable().default(null),
  baseline: z.array(Decimal).max(1000).nullable().default(null),
});

export const PointBody = z.object({
  value: Decimal,
  measuredAt: IsoDateTime.transform((v) => new Date(v)).nullable().default(null),
});

export const IdParam = z.uuid();
