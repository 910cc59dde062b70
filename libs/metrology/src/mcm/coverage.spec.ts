import { MetrologyError } from '../errors';
import { coverageCount, coverageInterval, meanAndSd } from './coverage';
import { Xoshiro256StarStar } from './xoshiro';

/** GUM-S1 7.7 done the plain way: sort everything, scan every r. */
function naive(values: Float64Array, p: number, kind: 'shortest' | 'symmetric'): { low: number; high: number } {
  const y = Float64Array.from(values).sort();
  const m = y.length;
  const q = coverageCount(p, m);
  let r = (m - q) % 2 === 0 ? (m - q) / 2 : Math.floor((m - q + 1) / 2);
  if (kind === 'shortest') {
    r = 1;
    for (let s = 2; s <= m - q; s++) if (y[s - 1 + q] - y[s - 1] < y[r - 1 + q] - y[r - 1]) r = s;
  }
  return { low: y[r - 1], high: y[r - 1 + q] };
}

describe('R-6.3.5 coverage intervals from model values (GUM-S1 7.7)', () => {
  it('takes q = pM, or the integer part of pM + ½', () => {
    expect(coverageCount(0.95, 1000)).toBe(950);
    expect(coverageCount(0.95, 1001)).toBe(951); // 950.95 + ½
    expect(coverageCount(0.9545, 10000)).toBe(9545);
    expect(coverageCount(0.9, 10)).toBe(9);
    expect(() => coverageCount(0.999, 10)).toThrow(MetrologyError);
  });

  it('picks r = (M − q)/2 for the probabilistically symmetric interval', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => 1000 - i); // 1000 … 1
    expect(coverageInterval(values, 0.95, 'symmetric')).toEqual({ low: 25, high: 975 });
  });

  it('finds the shortest interval of a skewed sample', () => {
    // values 1..100 plus a long right tail: the shortest 90 % interval starts at the bottom
    const values = Float64Array.from([...Array.from({ length: 100 }, (_, i) => i + 1), 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
    expect(coverageInterval(values, 0.9, 'shortest')).toEqual({ low: 1, high: 100 }); // q = 99: [y₍₁₎, y₍₁₀₀₎]
  });

  it('agrees with sorting everything, for random samples with ties, both kinds and several p', () => {
    const rng = new Xoshiro256StarStar(9);
    for (let trial = 0; trial < 40; trial++) {
      const m = 500 + Math.floor(rng.uniform() * 5000);
      const values = Float64Array.from({ length: m }, () => Math.round(rng.uniform() ** 3 * 200) / 10); // skewed, many ties
      for (const p of [0.5, 0.9, 0.95, 0.99, 0.3]) {
        for (const kind of ['shortest', 'symmetric'] as const) {
          expect(coverageInterval(Float64Array.from(values), p, kind)).toEqual(naive(values, p, kind));
        }
      }
    }
  });

  it('gives the same as sorting everything on large samples, where the tails are found by sampling', () => {
    const rng = new Xoshiro256StarStar(10);
    const shapes: ((u: number) => number)[] = [
      (u) => Math.log(u / (1 - u)), // logistic
      (u) => u ** 8, // strongly skewed
      (u) => Math.round(u * 20), // 21 tied values: the sampled cuts fail and quickselect takes over
    ];
    for (const shape of shapes) {
      const values = Float64Array.from({ length: 250_000 }, () => shape(rng.uniform()));
      for (const kind of ['shortest', 'symmetric'] as const) {
        for (const p of [0.95, 0.99]) expect(coverageInterval(Float64Array.from(values), p, kind)).toEqual(naive(values, p, kind));
      }
    }
  });

  it('computes mean and standard deviation with divisor M − 1 (GUM-S1 7.6)', () => {
    expect(meanAndSd(Float64Array.from([1, 2, 3, 4]))).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3) });
    // compensated summation: a large offset does not swamp the spread
    const { mean, sd } = meanAndSd(Float64Array.from({ length: 100000 }, (_, i) => 1e9 + (i % 2 ? 1 : -1)));
    expect(mean).toBe(1e9);
    expect(Math.abs(sd - 1)).toBeLessThan(1e-5);
  });
});
