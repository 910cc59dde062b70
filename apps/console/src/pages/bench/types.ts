/** The raw record as GET /api/records/raw-records/:id shows it (services/records README). */
export interface Observation {
  observationId: string;
  type: 'reading' | 'condition';
  symbol: string;
  point: string | null;
  nominal: string | null;
  adjustment: string;
  repeat: number | null;
  unit: string;
  value: string;
  originalValue: string;
  receivedAt: string;
  late: boolean;
  corrections: { version: number; previousValue: string; value: string; reason: string; by: string; at: string }[];
}

export interface BudgetRow { name: string; estimate: string; u: string; dist: string; c: string; contribution: string; dof: string }

export interface Budget {
  resultId: string;
  evaluation: string;
  model: { output: string; expression: string };
  p: string;
  gum: { y: string; uc: string; dofEff: string; k: string; U: string; budget: BudgetRow[] };
  monteCarlo: { trials: number; y: string; u: string; low: string; high: string } | null;
  y: string;
  uc: string;
  k: string;
  U: string;
  report: { value: string; U: string };
}

export interface Result {
  resultId: string;
  quantity: string;
  point: string;
  measuredValue: string;
  error: string | null;
  unit: string;
  expandedUncertainty: string;
  uncertaintyUnit: string;
  coverageFactor: string;
  coverageProbability: string;
}

export interface RawRecord {
  id: string;
  recordNumber?: string;
  orderNumber?: string;
  description?: string;
  serialNumber?: string | null;
  methodCode?: string;
  status: string;
  method: {
    code: string;
    version: string;
    title: string;
    environmentalLimits: { quantity: string; lower: string | null; upper: string | null; unit: string }[];
    readings: { symbol: string; description: string; unit: string; repetitions: number }[];
    measurementModel: { output: string; expression: string; inputs: string[] } | null;
  } | null;
  binding: { standards: { code: string; name: string }[]; equipment: { assetNumber: string; name: string }[]; room: { roomCode: string } | null } | null;
  dispatch: { methodCode?: string; methodVersion?: string; itemCode?: string } | null;
  readings: Observation[];
  conditions: Observation[];
  calculation: { current: boolean; results: Result[]; bmc: unknown[]; budgets: Budget[] } | null;
  submission: { findings?: { check: string; message?: string; detail?: string }[] } | null;
  returns: { comments: string; at: string }[];
}

/** Within the method's limit? `null` when the method sets none for the quantity. */
export function withinLimit(value: string, limit: { lower: string | null; upper: string | null } | undefined): boolean | null {
  if (!limit) return null;
  const v = Number(value);
  if (limit.lower !== null && v < Number(limit.lower)) return false;
  if (limit.upper !== null && v > Number(limit.upper)) return false;
  return true;
}
