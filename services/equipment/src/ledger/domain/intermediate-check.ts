import { Dec, parseLimit, withinLimit } from '@calchain/metrology';

/** A check point of an intermediate-check plan: the reference value and how far the reading may deviate. */
export interface CheckPoint {
  point: string;
  reference: string;
  /** Acceptance criterion on the deviation (observed − reference), as a limit, e.g. "0±0.05" or "<=0.1". */
  acceptance: string;
  unit: string;
}

export interface CheckPointResult extends CheckPoint {
  observed: string;
  deviation: string;
  passed: boolean;
}

/**
 * intermediate check: each reading's deviation from the check standard's reference value
 * is judged against the plan's acceptance criterion, in exact decimals; the check passes only if
 * every point passes.
 */
export function evaluateIntermediateCheck(points: CheckPoint[], observed: Record<string, string>): { passed: boolean; results: CheckPointResult[] } {
  const results = points.map((p) => {
    const reading = observed[p.point];
    if (reading === undefined) throw new Error(`no reading for check point ${p.point}`);
    const deviation = new Dec(reading).minus(new Dec(p.reference));
    return { ...p, observed: reading, deviation: deviation.toString(), passed: withinLimit(deviation, parseLimit(p.acceptance)) };
  });
  return { passed: results.every((r) => r.passed), results };
}

/** Whether an acceptance criterion can be read at all (checked when a plan is made, not when it fails). */
export function isValidAcceptance(acceptance: string): boolean {
  try {
    parseLimit(acceptance);
    return true;
  } catch {
    return false;
  }
}
