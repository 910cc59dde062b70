import { z } from 'zod';
import { intParam, IsoDate } from '@calchain/platform';

const Requirement = z.string().regex(/^R-\d+(\.\d+)*$/, 'a requirement id like R-8.1');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const IdParam = z.uuid();
export const PlanAuditBody = z.object({
  programmeYear: z.number().int().min(2000).max(2100),
  title: Text(200),
  scope: z.array(Requirement).min(1).max(100),
  areas: z.array(Text(100)).max(50).default([]),
  plannedOn: IsoDate,
  /** Opaque person id of the lead auditor. */
  leadAuditor: Text(200),
});
export const AuditFindingBody = z.object({
  severity: z.enum(['observation', 'minor', 'major', 'critical']),
  requirement: Requirement.nullable().default(null),
  title: Text(300),
  description: z.string().trim().max(4000).nullable().default(null),
  itemCode: Text(100).nullable().default(null),
  openCorrectiveAction: z.object({ dueOn: IsoDate.nullable().default(null) }).nullable().default(null),
});
export const CompleteAuditBody = z.object({ conclusion: Text(4000) });
export const ProgrammeQuery = z.object({ year: intParam(2000, 2100) });
