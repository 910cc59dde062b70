import { erfc } from './special';

// Math functions bound once: inside a vm sandbox (Jest) every global lookup is slow.
const { exp, sqrt, log, abs } = Math;


const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

export const normalPdf = (z: number): number => INV_SQRT_2PI * exp(-0.5 * z * z);

/** Φ(z), the standard normal distribution function. */
export const normalCdf = (z: number): number => 0.5 * erfc(-z * SQRT1_2);

/** 1 − Φ(z), computed directly so that upper tails keep their relative accuracy. */
export const normalSf = (z: number): number => 0.5 * erfc(z * SQRT1_2);

/**
 * z with 1 − Φ(z) = q, for 0 < q < 1. A rough start (Abramowitz & Stegun 26.2.23, error < 5e-4)
 * is polished by Halley steps on the accurate upper tail, which is why no table of quantile
 * coefficients is needed.
 */
export function normalQuantileUpper(q: number): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`tail probability must be in (0, 1), got ${q}`);
  if (q === 0.5) return 0;
  if (q > 0.5) return -normalQuantileUpper(1 - q);
  const t = sqrt(-2 * log(q));
  let z = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  for (let i = 0; i < 8; i++) {
    const r = (normalSf(z) - q) / normalPdf(z);
    const step = r / (1 - (z * r) / 2);
    z += step;
    if (abs(step) <= 1e-16 * abs(z)) break;
  }
  return z;
}

/** Φ⁻¹(p). */
export const normalQuantile = (p: number): number => (p < 0.5 ? -normalQuantileUpper(p) : normalQuantileUpper(1 - p));
