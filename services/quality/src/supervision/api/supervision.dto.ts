import { z } from 'zod';
import { IsoDate } from '@calchain/platform';
import { SupervisionAreas } from '../domain/supervision';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const IdParam = z.uuid();
export const CreatePlanBody = z.object({
  title: Text(200),
  area: z.enum(SupervisionAreas),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  itemCode: Text(100).nullable().default(null),
  sampleSize: z.number().int().min(1).max(500),
});
export const SampleResultBody = z.object({
  conforming: z.boolean(),
  note: z.string().trim().max(2000).nullable().default(null),
  severity: z.enum(['observation', 'minor', 'major', 'critical']).nullable().default(null),
  title: Text(200).nullable().default(null),
});
export const PlanQuery = z.object({ area: z.enum(SupervisionAreas).optional(), status: z.enum(['planned', 'sampled', 'completed']).optional() });
