import { Dec } from '@calchain/metrology';
import { ExcursionRow } from './reference';
import { EnvironmentalLimit, Observation, OnSiteClearanceSnapshot } from './record-state';
import { convert } from './units';

export interface ConditionCheck {
  quantity: string;
  unit: string;
  lower: string | null;
  upper: string | null;
  /** Values recorded with the record (current, after corrections). */
  recorded: string[];
  /** Excursions of the room's monitoring overlapping the measurement. */
  excursions: { excursionId: string; value: string | null; worstValue: string | null; startedAt: string; endedAt: string | null }[];
  withinLimits: boolean;
  /** The value reported for the quantity: the recorded value furthest from the middle of the limits. */
  reportedValue: string | null;
  problem: string | null;
}

export interface EnvironmentEvaluation {
  source: 'recorded-with-record';
  crossCheckedWithMonitoring: boolean;
  checks: ConditionCheck[];
  withinLimits: boolean;
  /** Out of limits, but on site with both consents recorded (R-5.4.4). */
  consented: boolean;
  blocking: boolean;
}

const outside = (value: string, unit: string, limit: EnvironmentalLimit): boolean | null => {
  const v = convert(value, unit, limit.unit);
  if (v === null) return null;
  return (limit.lower !== null && v.lessThan(limit.lower)) || (limit.upper !== null && v.greaterThan(limit.upper));
};

/**
 * R-5.4.1, R-5.4.2, R-6.3.2: the conditions at measurement time against the method's limits.
 * Source: the values recorded with the record (each one server-stamped like a reading), checked
 * against every limit of the method; a quantity the method limits but the record lacks is a gap.
 * Cross-check: an excursion of the room's monitoring (equipment's events) overlapping the
 * measurement, whose value lies outside the method's limits, also puts the record out of limits.
 * Out of limits blocks the record, except on site with both consents recorded (R-5.4.4).
 */
export function evaluateEnvironment(input: {
  limits: readonly EnvironmentalLimit[];
  conditions: readonly Observation[];
  excursions: readonly ExcursionRow[];
  measuredFrom: string | null;
  measuredTo: string | null;
  onSiteClearance: OnSiteClearanceSnapshot | null;
  placeOfWork: 'lab' | 'on-site';
}): EnvironmentEvaluation {
  const checks = input.limits.map((limit): ConditionCheck => {
    const recorded = input.conditions.filter((c) => c.symbol === limit.quantity);
    const overlapping = input.excursions.filter(
      (x) =>
        x.quantity === limit.quantity &&
        input.measuredFrom !== null &&
        x.startedAt <= (input.measuredTo ?? input.measuredFrom) &&
        (x.endedAt === null || x.endedAt >= input.measuredFrom),
    );
    const problems: string[] = [];
    if (recorded.length === 0) problems.push(`${limit.quantity} at measurement time is not recorded`);
    for (const c of recorded) {
      const out = outside(c.value, c.unit, limit);
      if (out === null) problems.push(`${limit.quantity} recorded in ${c.unit}, the method limits it in ${limit.unit}`);
      else if (out) problems.push(`${limit.quantity} ${c.value} ${c.unit} is outside ${limit.lower ?? '−∞'}..${limit.upper ?? '∞'} ${limit.unit}`);
    }
    for (const x of overlapping) {
      const values = [x.value, x.worstValue].filter((v): v is string => v !== null);
      if (values.some((v) => outside(v, x.unit ?? limit.unit, limit) !== false)) {
        problems.push(`the room's monitoring saw ${limit.quantity} at ${values.join(' / ')} ${x.unit ?? limit.unit} (excursion from ${x.startedAt}${x.endedAt ? ` to ${x.endedAt}` : ', still open'})`);
      }
    }
    const mid = limit.lower !== null && limit.upper !== null ? new Dec(limit.lower).plus(limit.upper).dividedBy(2) : null;
    const reported = recorded.length === 0 ? null : mid === null ? recorded[recorded.length - 1].value
      : recorded.map((c) => c.value).sort((a, b) => new Dec(b).minus(mid).abs().comparedTo(new Dec(a).minus(mid).abs()))[0];
    return {
      quantity: limit.quantity, unit: limit.unit, lower: limit.lower, upper: limit.upper, recorded: recorded.map((c) => c.value),
      excursions: overlapping.map((x) => ({ excursionId: x.excursionId, value: x.value, worstValue: x.worstValue, startedAt: x.startedAt, endedAt: x.endedAt })),
      withinLimits: problems.length === 0, reportedValue: reported, problem: problems.length ? problems.join('; ') : null,
    };
  });
  const withinLimits = checks.every((c) => c.withinLimits);
  const clearance = input.onSiteClearance;
  const consented = !withinLimits && input.placeOfWork === 'on-site' && clearance !== null && !clearance.conditionsMeetMethod
    && clearance.technicalManagerConsentBy !== null && clearance.customerConsentId !== null
    // what was not recorded cannot be consented to
    && checks.every((c) => c.recorded.length > 0);
  return { source: 'recorded-with-record', crossCheckedWithMonitoring: input.placeOfWork === 'lab', checks, withinLimits, consented, blocking: !withinLimits && !consented };
}
