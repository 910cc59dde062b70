import { Dec, type DecimalLike, formatDec, toDec } from '../decimal';
import { fail } from '../errors';

/**
 * Performance statistics of proficiency testing and comparisons, ISO 13528:2015 §9.
 * Classification is decided on exact squares, e.g. |En| ≤ 1 as (x − X)² ≤ U² + U_ref², so a
 * score on a boundary is never misclassified by the rounding of a square root. An unsatisfactory
 * score is the "suspicious data" asks to be re-measured.
 */
export type ScoreClass = 'satisfactory' | 'questionable' | 'unsatisfactory';

export interface EnScore {
  readonly en: string;
  readonly satisfactory: boolean;
}

/** En = (x − X_ref) / √(U² + U_ref²), satisfactory when |En| ≤ 1 (ISO 13528 §9.7). */
export function enNumber(x: DecimalLike, U: DecimalLike, xRef: DecimalLike, URef: DecimalLike): EnScore {
  const d = toDec(x, 'x').minus(toDec(xRef, 'xRef'));
  const variance = nonNegative(U, 'U').pow(2).plus(nonNegative(URef, 'URef').pow(2));
  if (variance.isZero()) fail('U and URef cannot both be zero');
  return { en: formatDec(d.dividedBy(variance.sqrt())), satisfactory: d.pow(2).lessThanOrEqualTo(variance) };
}

export interface ZScore {
  readonly z: string;
  readonly class: ScoreClass;
}

/**
 * z = (x − x_pt) / σ_pt (ISO 13528 §9.4); with u(x_pt) given, z′ = (x − x_pt) / √(σ_pt² + u²(x_pt))
 * (§9.5), for an assigned value whose uncertainty is not negligible.
 */
export function zScore(x: DecimalLike, assigned: DecimalLike, sigma: DecimalLike, uAssigned?: DecimalLike): ZScore {
  const d = toDec(x, 'x').minus(toDec(assigned, 'assigned'));
  const sigmaDec = nonNegative(sigma, 'sigma');
  const variance = sigmaDec.pow(2).plus(uAssigned === undefined ? 0 : nonNegative(uAssigned, 'uAssigned').pow(2));
  if (variance.isZero()) fail('sigma must be positive');
  return { z: formatDec(d.dividedBy(variance.sqrt())), class: classify(d, variance) };
}

export interface ZetaScore {
  readonly zeta: string;
  readonly class: ScoreClass;
}

/** ζ = (x − x_pt) / √(u²(x) + u²(x_pt)) (ISO 13528 §9.6), classified like z. */
export function zetaScore(x: DecimalLike, u: DecimalLike, assigned: DecimalLike, uAssigned: DecimalLike): ZetaScore {
  const d = toDec(x, 'x').minus(toDec(assigned, 'assigned'));
  const variance = nonNegative(u, 'u').pow(2).plus(nonNegative(uAssigned, 'uAssigned').pow(2));
  if (variance.isZero()) fail('u and uAssigned cannot both be zero');
  return { zeta: formatDec(d.dividedBy(variance.sqrt())), class: classify(d, variance) };
}

/** |score| ≤ 2 satisfactory, 2 < |score| < 3 questionable, ≥ 3 unsatisfactory (ISO 13528 §9.4.1). */
function classify(d: Dec, variance: Dec): ScoreClass {
  const d2 = d.pow(2);
  if (d2.lessThanOrEqualTo(variance.times(4))) return 'satisfactory';
  if (d2.lessThan(variance.times(9))) return 'questionable';
  return 'unsatisfactory';
}

function nonNegative(value: DecimalLike, field: string): Dec {
  const d = toDec(value, field);
  if (d.isNegative()) fail(`${field} must not be negative`);
  return d;
}
