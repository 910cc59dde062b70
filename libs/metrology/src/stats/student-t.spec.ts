import { MetrologyError } from '../errors';
import { roundToInterval } from '../rounding/round';
import { coverageFactor, coverageTail, tCdf, tPdf, tQuantileUpper, tSf } from './student-t';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// GUM (JCGM 100:2008) Table G.2, t_p(ν) for p = 68.27, 90, 95, 95.45, 99, 99.73 %; the table's
// printed values are our k rounded (GB/T 8170) to the table's decimals.
describe('R-6.3.5 coverage factor k = t_p(ν), GUM Table G.2', () => {
  const P = ['0.6827', '0.90', '0.95', '0.9545', '0.99', '0.9973'];
  it.each`
    dof         | row
    ${1}        | ${'1.84 6.31 12.71 13.97 63.66 235.80'}
    ${2}        | ${'1.32 2.92 4.30 4.53 9.92 19.21'}
    ${3}        | ${'1.20 2.35 3.18 3.31 5.84 9.22'}
    ${4}        | ${'1.14 2.13 2.78 2.87 4.60 6.62'}
    ${5}        | ${'1.11 2.02 2.57 2.65 4.03 5.51'}
    ${10}       | ${'1.05 1.81 2.23 2.28 3.17 3.96'}
    ${20}       | ${'1.03 1.72 2.09 2.13 2.85 3.42'}
    ${50}       | ${'1.01 1.68 2.01 2.05 2.68 3.16'}
    ${100}      | ${'1.005 1.660 1.984 2.025 2.626 3.077'}
    ${Infinity} | ${'1.000 1.645 1.960 2.000 2.576 3.000'}
  `('ν = $dof: $row', ({ dof, row }) => {
    const interval = dof >= 100 ? '0.001' : '0.01';
    expect(P.map((p) => roundToInterval(String(coverageFactor(p, dof)), interval)).join(' ')).toBe(row);
  });

  it('gives k = 2 and 3 exactly for 95.45 % and 99.73 % with infinite dof (GUM G.3.4)', () => {
    expect(coverageFactor('0.9545', Infinity)).toBe(2);
    expect(Math.abs(coverageFactor('0.9973', Infinity) - 3)).toBeLessThan(1e-15);
    expect(coverageTail('0.95')).toBe(0.025);
  });

  it('matches the closed forms for ν = 1 and ν = 2 to 1e-14', () => {
    for (const q of [0.25, 0.05, 0.025, 0.005, 0.00135, 1e-6]) {
      expect(rel(tQuantileUpper(q, 1), 1 / Math.tan(Math.PI * q))).toBeLessThan(1e-14); // cot πq
      expect(rel(tQuantileUpper(q, 2), (1 - 2 * q) / Math.sqrt(2 * q * (1 - q)))).toBeLessThan(1e-14);
    }
  });

  it('inverts its own distribution function for non-integer and large dof', () => {
    for (const dof of [0.7, 1.5, 3.3, 16.7, 250.5, 1999, 2001, 9999, 1e6]) {
      for (const q of [0.2, 0.025, 0.005, 0.00135]) {
        const t = tQuantileUpper(q, dof);
        expect(rel(tSf(t, dof), q)).toBeLessThan(1e-13);
        expect(Math.abs(tCdf(-t, dof) - q) / q).toBeLessThan(1e-13);
      }
    }
  });

  it('has a density that integrates to its distribution function', () => {
    // Simpson's rule of the density over [0.5, 2.5] against the difference of the cdf
    for (const dof of [1, 4.5, 30]) {
      const n = 2000;
      const h = 2 / n;
      let s = tPdf(0.5, dof) + tPdf(2.5, dof);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * tPdf(0.5 + i * h, dof);
      expect(rel((s * h) / 3, tCdf(2.5, dof) - tCdf(0.5, dof))).toBeLessThan(1e-12);
    }
  });

  it('is continuous where the large-dof expansion takes over (ν = 2000)', () => {
    for (const q of [0.025, 0.00135]) {
      // extrapolate the continued-fraction side linearly to ν = 2000 and compare with the expansion
      const predicted = 2 * tQuantileUpper(q, 1999.999) - tQuantileUpper(q, 1999.998);
      expect(rel(tQuantileUpper(q, 2000), predicted)).toBeLessThan(5e-14);
    }
  });

  it('refuses impossible dof and probabilities', () => {
    expect(() => coverageFactor('0.95', 0)).toThrow(MetrologyError);
    expect(() => coverageFactor('1', 5)).toThrow(MetrologyError);
    expect(() => coverageFactor('0.95x', 5)).toThrow(MetrologyError);
  });
});
