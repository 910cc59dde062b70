import { Dec } from '@calchain/metrology';
import { violation } from '../../shared/domain/rule-violation';

/**
 * check-standard results on a Shewhart chart, judged with the Western Electric rules.
 * Zones are compared exactly in decimal (|x − centre| against k·σ), never through a float.
 */
export const WesternElectricRules = {
  WE1: 'one point beyond 3σ',
  WE2: 'two of three consecutive points beyond 2σ on the same side',
  WE3: 'four of five consecutive points beyond 1σ on the same side',
  WE4: 'eight consecutive points on the same side of the centre line',
} as const;
export type WesternElectricRule = keyof typeof WesternElectricRules;

export interface ChartLimits {
  centre: string;
  sigma: string;
}

/** Position of a point in σ bands: sign (side) and whether it is beyond 1σ, 2σ, 3σ. */
function position(value: string, limits: ChartLimits) {
  const d = new Dec(value).minus(new Dec(limits.centre));
  const s = new Dec(limits.sigma);
  const abs = d.abs();
  return { side: d.isZero() ? 0 : d.isPositive() ? 1 : -1, beyond1: abs.greaterThan(s), beyond2: abs.greaterThan(s.times(2)), beyond3: abs.greaterThan(s.times(3)) };
}

/**
 * The rules the newest point violates, judged on the series up to it (oldest first). A point is in
 * violation of a run rule when the run ending with it satisfies the rule and the point itself is
 * part of the pattern; a continuing run keeps reporting, so every affected point is marked.
 */
export function rulesViolatedByLast(values: string[], limits: ChartLimits): WesternElectricRule[] {
  if (values.length === 0) return [];
  const points = values.map((v) => position(v, limits));
  const last = points[points.length - 1]!;
  const window = (n: number) => (points.length >= n ? points.slice(-n) : null);
  const fired: WesternElectricRule[] = [];
  if (last.beyond3) fired.push('WE1');
  const three = window(3);
  if (three && last.beyond2 && three.filter((p) => p.beyond2 && p.side === last.side).length >= 2) fired.push('WE2');
  const five = window(5);
  if (five && last.beyond1 && five.filter((p) => p.beyond1 && p.side === last.side).length >= 4) fired.push('WE3');
  const eight = window(8);
  if (eight && last.side !== 0 && eight.every((p) => p.side === last.side)) fired.push('WE4');
  return fired;
}

/** Baseline: the centre line is the mean and σ the sample standard deviation of at least 20 results. */
export function establishLimits(baseline: string[]): ChartLimits {
  if (baseline.length < 20) violation('R-5.5.1', 'baseline', 'baseline-size', 'Establish a control chart from at least 20 check-standard results, or give centreLine and sigma.');
  const values = baseline.map((v) => new Dec(v));
  const mean = values.reduce((a, b) => a.plus(b), new Dec(0)).dividedBy(values.length);
  const variance = values.reduce((a, v) => a.plus(v.minus(mean).pow(2)), new Dec(0)).dividedBy(values.length - 1);
  if (variance.isZero()) violation('R-5.5.1', 'baseline', 'baseline-spread', 'The baseline results do not vary: σ would be zero.');
  return { centre: mean.toSignificantDigits(20).toString(), sigma: variance.sqrt().toSignificantDigits(20).toString() };
}
