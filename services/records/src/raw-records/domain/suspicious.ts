import { Dec, tQuantileUpper } from '@calchain/metrology';
import { CalculatedResult } from './calculation';
import { Observation, SuspicionFinding } from './record-state';
import { convert, RELATIVE_UNITS } from './units';

/**
 * Grubbs' test for one outlier among repeats (ISO 5725-2 §7.3.4, GB/T 4883): G = max|xᵢ − x̄| / s
 * against G_crit = ((n−1)/√n)·√(t² / (n−2+t²)), t the upper α/(2n) quantile of t with n−2 degrees
 * of freedom (two-sided). Needs n ≥ 3; a series without spread has no outlier.
 */
export function grubbs(values: readonly string[], alpha: number): { g: number; critical: number; suspect: string; outlier: boolean } | null {
  const n = values.length;
  if (n < 3) return null;
  const x = values.map((v) => new Dec(v));
  const mean = Dec.sum(...x).dividedBy(n);
  const s = Dec.sum(...x.map((xi) => xi.minus(mean).pow(2))).dividedBy(n - 1).sqrt();
  if (s.isZero()) return null;
  let suspectIndex = 0;
  x.forEach((xi, i) => {
    if (xi.minus(mean).abs().greaterThan(x[suspectIndex].minus(mean).abs())) suspectIndex = i;
  });
  const g = x[suspectIndex].minus(mean).abs().dividedBy(s).toNumber();
  const t = tQuantileUpper(alpha / (2 * n), n - 2);
  const critical = ((n - 1) / Math.sqrt(n)) * Math.sqrt((t * t) / (n - 2 + t * t));
  return { g, critical, suspect: values[suspectIndex], outlier: g > critical };
}

const fmt = (x: number) => new Dec(x).toSignificantDigits(5).toString();

export interface PreviousResult {
  point: string;
  adjustment: string;
  measuredValue: string;
  unit: string;
  expandedUncertainty: string;
  uncertaintyUnit: string;
  recordId: string;
  approvedAt: string;
}

export interface SuspicionSettings {
  alpha: number;
  plausibleRelative: string;
  stepEnLimit: string;
}

/** U in the unit of the value (µm → mm, % of the value → mm); null when not convertible. */
function absoluteU(U: string, uncertaintyUnit: string, value: string, unit: string): Dec | null {
  const relative = RELATIVE_UNITS[uncertaintyUnit];
  if (relative) return new Dec(U).times(relative).times(new Dec(value).abs());
  return convert(U, uncertaintyUnit, unit);
}

const en = (x1: string, U1: Dec, x2: string, U2: Dec) => {
  const denominator = U1.pow(2).plus(U2.pow(2)).sqrt();
  return denominator.isZero() ? null : new Dec(x1).minus(x2).abs().dividedBy(denominator);
};

/**
 * automatic checks on submission: outliers among repeats (Grubbs), results implausibly far
 * from their nominal value (a slipped decimal, a wrong range), step changes against the item's
 * previous approved result (|En| above the limit), and disagreement with check-standard values.
 */
export function findSuspiciousData(input: {
  readings: readonly Observation[];
  results: readonly CalculatedResult[];
  previous: readonly PreviousResult[];
  checkStandards: readonly { point: string; expected: string; expandedUncertainty: string }[];
  settings: SuspicionSettings;
}): SuspicionFinding[] {
  const findings: SuspicionFinding[] = [];
  const series = new Map<string, Observation[]>();
  for (const r of input.readings) {
    const key = `${r.symbol}\u0000${r.point}\u0000${r.adjustment}`;
    series.set(key, [...(series.get(key) ?? []), r]);
  }
  for (const group of series.values()) {
    const test = grubbs(group.map((r) => r.value), input.settings.alpha);
    if (test?.outlier) {
      findings.push({
        check: 'outlier-grubbs', subject: group[0].symbol, point: group[0].point, values: [test.suspect], statistic: fmt(test.g), critical: fmt(test.critical),
        significance: String(input.settings.alpha),
        detail: `${group[0].symbol} at ${group[0].point}: ${test.suspect} is an outlier among ${group.length} repeats (Grubbs G = ${fmt(test.g)} > ${fmt(test.critical)} at α = ${input.settings.alpha})`,
      });
    }
  }
  for (const r of input.results) {
    if (r.nominal !== null && !new Dec(r.nominal).isZero()) {
      const deviation = new Dec(r.measuredValue).minus(r.nominal).abs().dividedBy(new Dec(r.nominal).abs());
      if (deviation.greaterThan(input.settings.plausibleRelative)) {
        findings.push({
          check: 'implausible-value', subject: r.resultId, point: r.point, values: [r.measuredValue], statistic: deviation.toSignificantDigits(4).toString(),
          critical: input.settings.plausibleRelative, significance: null,
          detail: `${r.resultId}: ${r.measuredValue} ${r.unit} lies ${deviation.times(100).toSignificantDigits(3).toString()} % from the nominal ${r.nominal} ${r.unit}`,
        });
      }
    }
    const U = absoluteU(r.expandedUncertainty, r.uncertaintyUnit, r.measuredValue, r.unit);
    const before = input.previous
      .filter((p) => p.point === r.point && p.unit === r.unit && p.adjustment !== 'before-adjustment' && r.adjustment !== 'after-adjustment')
      .sort((a, b) => (a.approvedAt < b.approvedAt ? 1 : -1))[0];
    const beforeU = before ? absoluteU(before.expandedUncertainty, before.uncertaintyUnit, before.measuredValue, before.unit) : null;
    if (before && U && beforeU) {
      const score = en(r.measuredValue, U, before.measuredValue, beforeU);
      if (score && score.greaterThan(input.settings.stepEnLimit)) {
        findings.push({
          check: 'step-change', subject: r.resultId, point: r.point, values: [r.measuredValue, before.measuredValue], statistic: score.toSignificantDigits(4).toString(),
          critical: input.settings.stepEnLimit, significance: null,
          detail: `${r.resultId}: ${r.measuredValue} against ${before.measuredValue} ${r.unit} in record ${before.recordId} (|En| = ${score.toSignificantDigits(4).toString()})`,
        });
      }
    }
    for (const c of input.checkStandards.filter((c) => c.point === r.point)) {
      // The check standard's U is given in the result's uncertainty unit.
      const checkU = absoluteU(c.expandedUncertainty, r.uncertaintyUnit, c.expected, r.unit);
      if (!U || !checkU) continue;
      const score = en(r.measuredValue, U, c.expected, checkU);
      if (score && score.greaterThan(input.settings.stepEnLimit)) {
        findings.push({
          check: 'check-standard-disagreement', subject: r.resultId, point: r.point, values: [r.measuredValue, c.expected], statistic: score.toSignificantDigits(4).toString(),
          critical: input.settings.stepEnLimit, significance: null,
          detail: `${r.resultId}: ${r.measuredValue} disagrees with the check standard's ${c.expected} ${r.unit} (|En| = ${score.toSignificantDigits(4).toString()})`,
        });
      }
    }
  }
  return findings;
}
