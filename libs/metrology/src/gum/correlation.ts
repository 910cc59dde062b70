import { type DecimalLike, toNumber } from '../decimal';
import { fail } from '../errors';

export interface CorrelationSpec {
  readonly a: string;
  readonly b: string;
  readonly r: DecimalLike;
}

/** Symmetric correlation matrix (row-major, unit diagonal) from the named pairs; null if none. */
export function correlationMatrix(names: readonly string[], pairs: readonly CorrelationSpec[] | undefined): Float64Array | null {
  if (!pairs || pairs.length === 0) return null;
  const n = names.length;
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) r[i * n + i] = 1;
  const seen = new Set<string>();
  for (const pair of pairs) {
    const i = names.indexOf(pair.a);
    const j = names.indexOf(pair.b);
    if (i < 0 || j < 0) fail(`correlation names unknown input ${JSON.stringify(i < 0 ? pair.a : pair.b)}`);
    if (i === j) fail(`correlation of ${pair.a} with itself is always 1`);
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (seen.has(key)) fail(`correlation of ${pair.a} and ${pair.b} is given twice`);
    seen.add(key);
    const value = toNumber(pair.r, `correlation ${pair.a}/${pair.b}`);
    if (!(value >= -1 && value <= 1)) fail(`correlation coefficient must lie in [-1, 1], got ${value}`);
    r[i * n + j] = value;
    r[j * n + i] = value;
  }
  return r;
}

/**
 * Lower-triangular L with L·Lᵀ = R, for a positive semidefinite R (pivots that are zero to
 * rounding, as with r = ±1, give zero columns). Throws when R cannot be a correlation matrix,
 * e.g. r(a,b) = r(b,c) = 0.9 with r(a,c) = −0.9, which would make u_c² negative for some model.
 */
export function cholesky(r: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = r[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] ** 2;
    if (d < -1e-10) fail('the correlation coefficients are inconsistent (matrix not positive semidefinite)');
    const pivot = d > 1e-14 ? Math.sqrt(d) : 0;
    l[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let s = r[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (pivot === 0) {
        if (Math.abs(s) > 1e-8) fail('the correlation coefficients are inconsistent (matrix not positive semidefinite)');
        l[i * n + j] = 0;
      } else {
        l[i * n + j] = s / pivot;
      }
    }
  }
  return l;
}
