import { z } from 'zod';
import { DateText, Text } from '../../shared/dto';
import { EnvironmentalLimits } from '../../shared/limits-dto';

const Symbol = z.string().trim().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'a symbol such as L or t_ref').max(50);

/** a method version and what its records need (R-5.4.1 limits, readings, model, equipment). */
export const CreateMethodBody = z.object({
  code: Text(100),
  title: Text(300),
  version: Text(50),
  type: z.enum(['national', 'sector', 'local', 'international', 'non-standard']),
  documentKind: z.enum(['verification-regulation', 'calibration-specification', 'standard', 'procedure']),
  effectiveFrom: DateText,
  environmentalLimits: EnvironmentalLimits,
  readings: z.array(z.object({ symbol: Symbol, description: Text(), unit: Text(30), repetitions: z.number().int().min(1).max(1000) })).max(100).default([]),
  measurementModel: z.object({ output: Symbol, expression: Text(2000), inputs: z.array(Symbol).min(1).max(100) }).nullable().default(null),
  requiredEquipmentKinds: z.array(Text(100)).max(50).default([]),
  reviewIntervalMonths: z.number().int().min(1).max(120).default(12),
});
export type CreateMethodInput = z.infer<typeof CreateMethodBody>;

export const EvidenceBody = z.object({ on: DateText, reference: Text(500) });
export const WithdrawBody = z.object({ withdrawnOn: DateText, supersededById: z.uuid().nullable().default(null) });
export const ReviewBody = z.object({
  reviewedOn: DateText,
  outcome: z.enum(['current', 'revision-needed', 'superseded', 'withdrawn']),
  notes: Text(2000),
});
export const ListMethodsQuery = z.object({ code: z.string().trim().max(100).optional() });
