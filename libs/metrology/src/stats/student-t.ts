import { Dec, type DecimalLike, toDec } from '../decimal';
import { fail } from '../errors';
import { normalPdf, normalQuantileUpper, normalSf } from './normal';
import { erfcPositive, incompleteBeta, lnBeta } from './special';

// Math functions bound once: inside a vm sandbox (Jest) every global lookup is slow.
const { abs, exp, log, log1p, max } = Math;


/**
 * Student's t distribution for coverage factors (JJF 1059.1, GUM G.3–G.4, R-6.3.5). Degrees of
 * freedom may be any positive real (Welch–Satterthwaite seldom gives an integer) or Infinity.
 */

function checkDof(dof: number): void {
  if (!(dof > 0)) fail(`degrees of freedom must be positive or "inf", got ${dof}`);
}

/** P(|T| > t) for t ≥ 0: I_x(ν/2, ½) with x = ν / (ν + t²), both x and 1 − x formed directly. */
export function tTwoSidedTail(t: number, dof: number): number {
  checkDof(dof);
  const a = abs(t);
  if (dof === Infinity) return erfcPositive(a * Math.SQRT1_2);
  // For large ν the incomplete-beta continued fraction needs thousands of terms and loses
  // digits; there the Fisher–Cornish expansion, inverted, maps t to its normal deviate exactly.
  if (expansionAccurate(a, dof)) return erfcPositive(normalDeviate(a, dof) * Math.SQRT1_2);
  const t2 = a * a;
  return incompleteBeta(dof / 2, 0.5, dof / (dof + t2), t2 / (dof + t2)).lower;
}

/** P(T > t). */
export function tSf(t: number, dof: number): number {
  const half = tTwoSidedTail(t, dof) / 2;
  return t >= 0 ? half : 1 - half;
}

/** P(T ≤ t). */
export function tCdf(t: number, dof: number): number {
  return tSf(-t, dof);
}

export function tPdf(t: number, dof: number): number {
  checkDof(dof);
  if (dof === Infinity) return normalPdf(t);
  return exp(-((dof + 1) / 2) * log1p((t * t) / dof) - 0.5 * log(dof) - lnBeta(dof / 2, 0.5));
}

/**
 * Fisher–Cornish expansion of the t quantile in powers of 1/ν (Abramowitz & Stegun 26.7.5) and its
 * derivative in z (the ν⁻⁵ remainder is what limits it).
 */
function cornishFisherWithSlope(z: number, dof: number): [number, number] {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const d1 = (3 * z2 + 1) / 4;
  const d2 = ((25 * z2 + 48) * z2 + 3) / 96;
  const d3 = (((21 * z2 + 95) * z2 + 51) * z2 - 15) / 384;
  const d4 = ((((711 * z2 + 5432) * z2 + 7410) * z2 - 5760) * z2 - 945) / 92160;
  const t = z + (g1 + (g2 + (g3 + g4 / dof) / dof) / dof) / dof;
  const slope = 1 + (d1 + (d2 + (d3 + d4 / dof) / dof) / dof) / dof;
  return [t, slope];
}

const cornishFisher = (z: number, dof: number): number => cornishFisherWithSlope(z, dof)[0];

/** The z whose Fisher–Cornish image is t (Newton; the map is monotone and close to identity). */
function normalDeviate(t: number, dof: number): number {
  let z = t;
  for (let i = 0; i < 20; i++) {
    const [value, slope] = cornishFisherWithSlope(z, dof);
    const step = (value - t) / slope;
    z -= step;
    if (abs(step) <= 1e-17 * max(1, abs(z))) break;
  }
  return z;
}

/**
 * Where the expansion replaces the continued fraction: from ν = 2000 on (there the fraction's
 * error starts to grow with ν, to 1e-12 at ν = 10⁵), as long as its remainder, measured against
 * scipy as about 5.6e-4·t¹¹/ν⁵, stays below 1e-14. Both sides then agree with scipy to 1e-13.
 */
const LARGE_DOF = 2000;
const expansionAccurate = (t: number, dof: number): boolean => dof >= LARGE_DOF && 11 * log(t) < log(1.8e-11) + 5 * log(dof);

/**
 * t with P(T > t) = q, 0 < q ≤ ½. Newton's method on ln P(T > t) against ln t: the tail of a t
 * distribution is close to a power of t, so that function is nearly straight and the iteration
 * converges from the crude starts below in a few steps, to the accuracy of the tail itself.
 */
export function tQuantileUpper(q: number, dof: number): number {
  checkDof(dof);
  if (!(q > 0 && q < 1)) throw new RangeError(`tail probability must be in (0, 1), got ${q}`);
  if (q > 0.5) return -tQuantileUpper(1 - q, dof);
  if (q === 0.5) return 0;
  const z = normalQuantileUpper(q);
  if (dof === Infinity) return z;
  if (expansionAccurate(z, dof)) return cornishFisher(z, dof);
  // Start: the expansion for moderate ν; for small ν the power-law tail P(T>t) ≈ ν^{ν/2−1} t^{−ν} / B(ν/2, ½).
  let t = dof >= 4 ? cornishFisher(z, dof) : exp(((dof / 2 - 1) * log(dof) - lnBeta(dof / 2, 0.5) - log(q)) / dof);
  t = max(t, z);
  const lnQ = log(q);
  for (let i = 0; i < 100; i++) {
    const tail = tSf(t, dof);
    const slope = (-tPdf(t, dof) * t) / tail; // d ln P(T>t) / d ln t
    const step = (log(tail) - lnQ) / slope;
    t *= exp(-step);
    if (abs(step) < 4e-16) break;
  }
  return t;
}

/** Upper quantile for the normal-distribution probabilities of GUM G.3.4 (k = 1, 2, 3). */
const SIGMA_PROBABILITIES: Record<string, number> = { '0.6827': 1, '0.9545': 2, '0.9973': 3 };

/**
 * One-sided tail (1 − p) / 2 of a two-sided coverage probability given as a decimal. p = 0.6827,
 * 0.9545 and 0.9973 are, as in GUM G.3.4 and Table G.2, the rounded names of the normal
 * probabilities of ±1σ, ±2σ and ±3σ, so with infinite degrees of freedom they give k = 1, 2, 3
 * exactly, as every metrologist expects.
 */
export function coverageTail(p: DecimalLike | number): number {
  const d = typeof p === 'number' ? new Dec(p) : toDec(p, 'p');
  if (!(d.greaterThan(0) && d.lessThan(1))) fail(`coverage probability p must be between 0 and 1, got ${d.toString()}`);
  const sigma = SIGMA_PROBABILITIES[d.toString()];
  if (sigma !== undefined) return normalSf(sigma);
  return new Dec(1).minus(d).dividedBy(2).toNumber();
}

/** Coverage factor k = t_p(ν) (JJF 1059.1 §4.5 / GUM G.4); ν = Infinity gives the normal value. */
export function coverageFactor(p: DecimalLike | number, dof: number): number {
  return tQuantileUpper(coverageTail(p), dof);
}
