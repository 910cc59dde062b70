import { Dec, type DecimalLike, formatDec, toDec } from '../decimal';
import { fail } from '../errors';

/** Distributions a Type B half-width may be given with (JJF 1059.1 §4.3.3.3, table 2). */
export type TypeBDistribution = 'normal' | 'rectangular' | 'triangular' | 'arcsine' | 'trapezoidal';

export interface TypeBSpec {
  /** Half-width a of the interval (for 'normal': the expanded uncertainty U, with k). */
  readonly halfWidth: DecimalLike;
  readonly dist: TypeBDistribution | 'u-shaped' | 'uniform';
  /** Coverage factor, required for 'normal' (e.g. a certificate's U with k = 2). */
  readonly k?: DecimalLike;
  /** Ratio of the top to the base of a trapezoid, 0 ≤ β ≤ 1 (JJF 1059.1 table 2). */
  readonly beta?: DecimalLike;
}

export function canonicalDistribution(dist: string): TypeBDistribution {
  if (dist === 'u-shaped') return 'arcsine';
  if (dist === 'uniform') return 'rectangular';
  if (['normal', 'rectangular', 'triangular', 'arcsine', 'trapezoidal'].includes(dist)) return dist as TypeBDistribution;
  return fail(`dist must be normal, rectangular, triangular, arcsine (u-shaped) or trapezoidal, got ${JSON.stringify(dist)}`);
}

/** The divisor k with u = a / k: √3, √6, √2, √(6 / (1 + β²)) or the stated k. */
export function typeBDivisor(spec: TypeBSpec): Dec {
  const dist = canonicalDistribution(spec.dist);
  switch (dist) {
    case 'normal': {
      if (spec.k === undefined) fail('a normal Type B needs its coverage factor k');
      const k = toDec(spec.k, 'k');
      if (!k.greaterThan(0)) fail('k must be positive');
      return k;
    }
    case 'rectangular':
      return new Dec(3).sqrt();
    case 'triangular':
      return new Dec(6).sqrt();
    case 'arcsine':
      return new Dec(2).sqrt();
    case 'trapezoidal': {
      if (spec.beta === undefined) fail('a trapezoidal Type B needs beta');
      const beta = toDec(spec.beta, 'beta');
      if (beta.isNegative() || beta.greaterThan(1)) fail('beta must be between 0 and 1');
      return new Dec(6).dividedBy(beta.pow(2).plus(1)).sqrt();
    }
  }
}

/** Type B standard uncertainty u = a / k (JJF 1059.1 §4.3.3) in decimal arithmetic. */
export function typeBDecimal(spec: TypeBSpec): Dec {
  const a = toDec(spec.halfWidth, 'halfWidth');
  if (a.isNegative()) fail('halfWidth must not be negative');
  return a.dividedBy(typeBDivisor(spec));
}

export function typeB(spec: TypeBSpec): string {
  return formatDec(typeBDecimal(spec));
}
