import { z } from 'zod';
import { IsoDate } from '@calchain/platform';

export const IdParam = z.uuid();
export const AssignBody = z.object({
  /** Opaque person id of whoever re-measures (never a name). */
  assignee: z.string().trim().min(1).max(200),
  dueOn: IsoDate.nullable().default(null),
});
export const CloseBody = z.object({
  outcome: z.enum(['original-confirmed', 'original-superseded']),
  note: z.string().trim().min(1).max(2000),
});
export const RemeasurementQuery = z.object({
  status: z.enum(['open', 'assigned', 'results-linked', 'closed']).optional(),
  recordId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
});
