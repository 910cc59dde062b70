import { z } from 'zod';
import { IsoDate } from '@calchain/platform';
import { FindingSources, ManualFindingSources, RegisterSources } from '../domain/finding';

const Requirement = z.string().regex(/^R-\d+(\.\d+)*$/, 'a requirement id like R-8.1').nullable().default(null);
const Text = (max: number) => z.string().trim().min(1).max(max);

/** a finding recorded by a person (supervision, audit, external assessment, review…). */
export const RaiseFindingBody = z.object({
  source: z.enum(ManualFindingSources as [string, ...string[]]),
  sourceRef: z.string().trim().max(200).nullable().default(null),
  severity: z.enum(['observation', 'minor', 'major', 'critical']),
  requirement: Requirement,
  title: Text(300),
  description: z.string().trim().max(4000).nullable().default(null),
  itemCode: z.string().trim().max(100).nullable().default(null),
  openCorrectiveAction: z.object({ dueOn: IsoDate.nullable().default(null) }).nullable().default(null),
});

export const OpenCorrectiveActionBody = z.object({
  kind: z.enum(['corrective', 'risk-control']),
  findingId: z.uuid().nullable().default(null),
  source: z.enum(FindingSources),
  requirement: Requirement,
  itemCode: z.string().trim().max(100).nullable().default(null),
  title: Text(300),
  problem: Text(4000),
  dueOn: IsoDate.nullable().default(null),
});

export const PlanBody = z.object({
  rootCause: z.string().trim().max(4000),
  tasks: z.array(z.object({ description: Text(1000), owner: Text(100), dueOn: IsoDate.nullable().default(null) })).max(50),
});

export const CompleteTaskBody = z.object({ note: z.string().trim().max(2000).nullable().default(null) });

export const VerifyBody = z.object({ effective: z.boolean(), evidence: Text(4000) });

export const ImprovementBody = z.object({
  source: z.enum(['suggestion', 'satisfaction', 'external-assessment', 'interlaboratory-comparison', 'internal-comparison', 'management-review', 'internal-audit', 'other']),
  sourceRef: z.string().trim().max(200).nullable().default(null),
  summary: Text(1000),
  requirement: Requirement,
});

export const FindingQuery = z.object({ status: z.enum(['open', 'closed']).optional(), source: z.enum(FindingSources).optional() });
export const CorrectiveActionQuery = z.object({ status: z.enum(['open', 'planned', 'implemented', 'closed']).optional(), findingId: z.uuid().optional() });
export const RegisterQuery = z.object({ status: z.enum(['open', 'in-progress', 'closed']).optional(), source: z.enum(RegisterSources).optional() });
export const IdParam = z.uuid();
