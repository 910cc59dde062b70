/**
 * Special functions for the coverage factor and conformance probabilities (R-6.3.5, R-6.4.2.3).
 * Written from their textbook definitions (Stirling series, Lentz continued fractions) rather
 * than from memorised polynomial coefficients, and checked against scipy by the integration tests.
 */

// Math functions bound once: inside a vm sandbox (Jest) every global lookup is slow.
const { exp, log, log1p, abs, round, sqrt, max, min } = Math;

const EPS = 2.220446049250313e-16;
const TINY = 1e-300;
const HALF_LN_2PI = 0.9189385332046728; // ln √(2π)
export const LN_SQRT_PI = 0.5723649429247001; // ln Γ(1/2) = ln √π

/** Stirling's correction ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π]; |error| < 1e-17 for z ≥ 10. */
function stirlingCorrection(z: number): number {
  const w = 1 / (z * z);
  // Bernoulli terms B₂ₖ / (2k(2k−1) z^(2k−1)), k = 1..8
  return (
    (1 / 12 + w * (-1 / 360 + w * (1 / 1260 + w * (-1 / 1680 + w * (1 / 1188 + w * (-691 / 360360 + w * (1 / 156 + w * (-3617 / 122400)))))))) / z
  );
}

/** ln Γ(x) for x > 0, absolute error about 1e-15. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  // Shift up to where Stirling's series is accurate: Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)).
  let product = 1;
  let z = x;
  while (z < 10) {
    product *= z;
    z += 1;
  }
  return (z - 0.5) * log(z) - z + HALF_LN_2PI + stirlingCorrection(z) - log(product);
}

/**
 * ln Γ(a + b) − ln Γ(a) for a ≥ 10 without the cancellation of subtracting two large logs: the
 * degrees of freedom of a t distribution may be 10⁴, where ln Γ(ν/2) is 4·10⁴ and a plain
 * difference would lose twelve digits.
 */
function lnGammaRatio(a: number, b: number): number {
  const s = a + b;
  return b * log(a) + ((s - 0.5) * log1p(b / a) - b) + (stirlingCorrection(s) - stirlingCorrection(a));
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate also when one argument is large. */
export function lnBeta(a: number, b: number): number {
  const big = max(a, b);
  const small = min(a, b);
  if (big < 10) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  return lnGamma(small) - lnGammaRatio(big, small);
}

/** Continued fraction of the incomplete beta function (modified Lentz); converges for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  let c = 1;
  let d = 1 - (qab * x) / (a + 1);
  if (abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (abs(delta - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * Regularized incomplete beta I_x(a, b) (`lower`) and 1 − I_x(a, b) (`upper`). x and y = 1 − x are
 * passed separately so the caller can supply whichever it knows exactly; the smaller of the two
 * results is computed directly, so tail probabilities keep full relative accuracy.
 */
export function incompleteBeta(a: number, b: number, x: number, y: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  const lnX = x < 0.5 ? log(x) : log1p(-y);
  const lnY = y < 0.5 ? log(y) : log1p(-x);
  const front = exp(a * lnX + b * lnY - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (front * betaContinuedFraction(b, a, y)) / b;
  return { lower: 1 - upper, upper };
}

/**
 * erfc(z) for z ≥ 0 as the regularized upper incomplete gamma Q(½, z²): its series below z² = 1.5,
 * its Lentz continued fraction above. exp(−z²) is evaluated with z split in two (Cody's device),
 * because z² itself cannot be held exactly and the error would grow with z².
 */
export function erfcPositive(z: number): number {
  if (z === 0) return 1;
  if (z > 27) return 0; // below the smallest double
  const x = z * z;
  const zHigh = round(z * 65536) / 65536;
  const expMinusZ2 = exp(-zHigh * zHigh) * exp(-(z - zHigh) * (z + zHigh));
  const front = (expMinusZ2 * z) / sqrt(Math.PI); // e^{−x} x^{a} / Γ(a) with a = ½
  if (x < 1.5) {
    // P(½, x) = e^{−x} x^{a} / Γ(a+1) · Σ xⁿ / ((a+1)…(a+n))
    let term = 2; // 1/a
    let sum = term;
    for (let n = 1; n < 200; n++) {
      term *= x / (0.5 + n);
      sum += term;
      if (abs(term) < abs(sum) * EPS) break;
    }
    return 1 - front * sum;
  }
  let b = x + 0.5;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (abs(delta - 1) < EPS) break;
  }
  return front * h;
}

/** erfc on the whole line. */
export function erfc(z: number): number {
  return z >= 0 ? erfcPositive(z) : 2 - erfcPositive(-z);
}
