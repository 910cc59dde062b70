import { normalCdf, normalPdf, normalQuantile, normalQuantileUpper, normalSf } from './normal';
import { erfc, incompleteBeta, lnBeta, lnGamma } from './special';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('special functions behind k and the conformance probability (R-6.3.5, R-6.4.2.3)', () => {
  it('ln Γ agrees with sums of logarithms of factorials', () => {
    let lnFactorial = 0;
    for (let n = 1; n <= 170; n++) {
      expect(Math.abs(lnGamma(n + 1) - (lnFactorial += Math.log(n)))).toBeLessThan(1e-13 * Math.max(1, lnFactorial));
    }
    expect(Math.abs(lnGamma(0.5) - Math.log(Math.sqrt(Math.PI)))).toBeLessThan(4e-15);
  });

  it('ln B(a, ½) stays accurate for large a, where ln Γ(a) is huge', () => {
    // B(a, ½) = √π Γ(a)/Γ(a+½); for a = n + ½ the ratio is a product, so build it exactly
    for (const n of [20, 2000, 200000]) {
      let lnRatio = 0; // ln Γ(n+½)/Γ(n+1) = ln Γ(½)/Γ(1) + Σ ln((k−½)/k)
      for (let k = 1; k <= n; k++) lnRatio += Math.log1p(-0.5 / k);
      const expected = Math.log(Math.PI) + lnRatio; // ln B(n+½, ½) = ln √π + ln Γ(n+½) − ln Γ(n+1)
      expect(Math.abs(lnBeta(n + 0.5, 0.5) - expected)).toBeLessThan(1e-12);
    }
  });

  it('incomplete beta has its known closed forms, I_x(a, 1) = xᵃ and I_x(1, b) = 1 − (1−x)ᵇ', () => {
    for (const x of [0.01, 0.3, 0.7, 0.99]) {
      for (const a of [0.5, 2, 7.5]) {
        expect(rel(incompleteBeta(a, 1, x, 1 - x).lower, x ** a)).toBeLessThan(1e-13);
        expect(rel(incompleteBeta(1, a, x, 1 - x).upper, (1 - x) ** a)).toBeLessThan(1e-13);
      }
    }
  });

  it('erfc matches published values (Abramowitz & Stegun table 7.1)', () => {
    expect(rel(erfc(0.5), 0.4795001221869535)).toBeLessThan(4e-15);
    expect(rel(erfc(1), 0.15729920705028513)).toBeLessThan(4e-15);
    expect(rel(erfc(2), 0.004677734981047266)).toBeLessThan(1e-14);
    expect(rel(erfc(5), 1.537459794428035e-12)).toBeLessThan(1e-13);
    expect(rel(erfc(-1), 1.8427007929497148)).toBeLessThan(4e-15);
  });

  it('normal distribution: Φ, 1 − Φ, φ and the quantile are consistent to full precision', () => {
    expect(rel(normalSf(5), 2.866515718791939e-7)).toBeLessThan(1e-13);
    expect(rel(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-15);
    expect(rel(normalQuantileUpper(0.025), 1.959963984540054)).toBeLessThan(1e-15);
    expect(normalQuantile(0.5)).toBe(0);
    for (const q of [0.4, 0.1, 1e-3, 1e-8, 1e-15]) {
      expect(rel(normalSf(normalQuantileUpper(q)), q)).toBeLessThan(1e-13);
      expect(rel(normalQuantile(q), -normalQuantileUpper(q))).toBeLessThan(1e-15);
    }
    expect(rel(normalPdf(1), Math.exp(-0.5) / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-15);
  });
});
