/**
 * Findings: what the institution found wrong with itself, from any source of. A finding
 * may open a corrective action; it enters the improvement register in the same transaction.
 */
export const FindingSources = [
  'personnel-staffing', 'complaint', 'satisfaction', 'suggestion', 'proficiency-test', 'interlaboratory-comparison',
  'internal-comparison', 'control-chart', 'supervision', 'external-assessment', 'intermediate-check', 'internal-audit',
  'management-review', 'other',
] as const;
export type FindingSource = (typeof FindingSources)[number];
/**
 * What the improvement register records entries from: every finding source, plus re-measurement
 * requests, which are register entries without being findings.
 */
export const RegisterSources = [...FindingSources, 'remeasurement'] as const;
export type RegisterSource = (typeof RegisterSources)[number];
export type FindingSeverity = 'observation' | 'minor' | 'major' | 'critical';

export interface NewFinding {
  source: FindingSource;
  sourceRef: string | null;
  severity: FindingSeverity;
  requirement: string | null;
  title: string;
  description: string | null;
  itemCode: string | null;
  /** Set for conditions that must not pile up findings while one is open (an understaffed item, a chart rule). */
  dedupeKey?: string;
}

/** Sources people record by hand; the others are raised by the service itself. */
export const ManualFindingSources: FindingSource[] = [
  'supervision', 'internal-audit', 'external-assessment', 'management-review', 'suggestion', 'satisfaction', 'other',
];
