import { Dec, type DecimalLike, formatDec, toDec } from '../decimal';
import { fail } from '../errors';

export interface TypeAResult {
  /** Arithmetic mean x̄ (JJF 1059.1 §4.3.2.1). */
  readonly mean: string;
  /** Experimental standard deviation s(x) by Bessel's formula, or the pooled s_p when given. */
  readonly s: string;
  /** Standard uncertainty of the mean, u = s / √n. */
  readonly u: string;
  /** Degrees of freedom: n − 1, or those of the pooled standard deviation. */
  readonly dof: number;
}

/**
 * Type A evaluation of repeated readings (JJF 1059.1 §4.3.2, GUM 4.2; R-6.3.5), in decimal
 * arithmetic. A pooled standard deviation from earlier, larger series (JJF 1059.1 §4.3.2.4) may
 * replace the series' own s, as is usual when only two or three readings are taken.
 */
export function typeA(readings: readonly DecimalLike[], pooled?: { s: DecimalLike; dof: number }): TypeAResult {
  if (!Array.isArray(readings) || readings.length < (pooled ? 1 : 2)) {
    fail(pooled ? 'readings must not be empty' : 'a Type A evaluation needs at least two readings');
  }
  const x = readings.map((r, i) => toDec(r, `readings[${i}]`));
  const n = x.length;
  const mean = Dec.sum(...x).dividedBy(n);
  let s: Dec;
  let dof: number;
  if (pooled) {
    s = toDec(pooled.s, 'pooled s');
    dof = pooled.dof;
    if (s.isNegative() || !(dof > 0)) fail('pooled s must be non-negative and its dof positive');
  } else {
    const squares = Dec.sum(...x.map((xi) => xi.minus(mean).pow(2)));
    s = squares.dividedBy(n - 1).sqrt();
    dof = n - 1;
  }
  return { mean: formatDec(mean), s: formatDec(s), u: formatDec(s.dividedBy(new Dec(n).sqrt())), dof };
}
