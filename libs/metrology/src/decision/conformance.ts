import { normalCdf, normalSf } from '../stats/normal';

/**
 * Probability that the measurand lies within [lower, upper] when the result is described by a
 * normal distribution with expectation `value` and standard uncertainty `u` (JCGM 106:2012 §7.3,
 * ILAC-G8:09/2019 §4.3; R-6.4.2.3). `null` stands for an open side. Written so that neither a
 * result far inside nor one far outside the limits loses its small probabilities to cancellation.
 */
export function probabilityOfConformance(value: number, u: number, lower: number | null, upper: number | null): number {
  if (!(u > 0)) {
    const inside = (lower === null || value >= lower) && (upper === null || value <= upper);
    return inside ? 1 : 0;
  }
  const zl = lower === null ? -Infinity : (lower - value) / u;
  const zu = upper === null ? Infinity : (upper - value) / u;
  if (zl >= 0) return normalSf(zl) - (zu === Infinity ? 0 : normalSf(zu)); // whole interval above the value
  if (zu <= 0) return normalCdf(zu) - (zl === -Infinity ? 0 : normalCdf(zl)); // whole interval below it
  return 1 - (zl === -Infinity ? 0 : normalCdf(zl)) - (zu === Infinity ? 0 : normalSf(zu));
}
