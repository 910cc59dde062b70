import { normalCdf, normalSf } from '../stats/normal';
import { tCdf } from '../stats/student-t';
import { type McmInputSpec, samplerFor } from './distributions';
import { fillStandardNormal, zigguratTable } from './normal';
import { Xoshiro256StarStar } from './xoshiro';

const N = 200000;

function draw(spec: McmInputSpec, seed: number, n = N): Float64Array {
  const out = new Float64Array(n);
  samplerFor(spec).fill(new Xoshiro256StarStar(seed), out, n, { words: new Int32Array(2 * n), u1: new Float64Array(n), u2: new Float64Array(n) });
  return out;
}

/** Kolmogorov–Smirnov statistic √n·D against a distribution function. */
function ks(sample: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(sample).sort();
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  });
  return d * Math.sqrt(s.length);
}
const KS_CRITICAL = 1.95; // √n·D at the 0.1 % level

function moments(x: Float64Array): { mean: number; sd: number } {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  return { mean, sd: Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1)) };
}

describe('R-6.3.5 ziggurat normal deviates (JJF 1059.2 / GUM-S1 C.4)', () => {
  it('builds 128 layers of equal area V (Doornik 2005)', () => {
    const { X, V, R } = zigguratTable;
    const f = (x: number): number => Math.exp(-0.5 * x * x);
    expect(Math.abs(X[0] * f(R) - V) / V).toBeLessThan(1e-12);
    for (let i = 1; i < 128; i++) expect(Math.abs(X[i] * (f(X[i + 1]) - f(X[i])) - V) / V).toBeLessThan(1e-8);
  });

  it('runs the generator inline exactly as xoshiro256** does (fast-path draws checked word by word)', () => {
    const { X } = zigguratTable;
    let compared = 0;
    for (let seed = 0; seed < 40; seed++) {
      const out = new Float64Array(300);
      fillStandardNormal(new Xoshiro256StarStar(seed), out, out.length);
      const reference = new Xoshiro256StarStar(seed);
      for (let k = 0; k < out.length; k++) {
        const word = reference.nextBigInt();
        const hi = Number(word >> 32n);
        const lo = Number(word & 0xffffffffn);
        const u = (hi * 2097152 + Math.floor(lo / 2048) + 0.5) * 2 ** -52 - 1;
        const i = lo & 0x7f;
        if (!(Math.abs(u) < X[i + 1] / X[i])) break; // a slow-path draw takes further words: stop here
        expect(out[k]).toBe(u * X[i]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('draws N(0, 1): Kolmogorov–Smirnov, moments and the tail beyond R', () => {
    const n = 1_000_000;
    const z = new Float64Array(n);
    fillStandardNormal(new Xoshiro256StarStar(11), z, n);
    expect(ks(z, normalCdf)).toBeLessThan(KS_CRITICAL);
    const { mean, sd } = moments(z);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sd - 1)).toBeLessThan(5 / Math.sqrt(2 * n));
    const tail = z.filter((v) => Math.abs(v) > zigguratTable.R).length;
    const expected = 2 * normalSf(zigguratTable.R) * n;
    expect(Math.abs(tail - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });
});

// GUM-S1 §6.4: each input distribution, its sampling rule, its distribution function and variance.
describe('R-6.3.5 input distributions of JJF 1059.2 / GUM-S1 6.4', () => {
  const trapezoidCdf = (a: number, b: number, beta: number) => (x: number) => {
    const h = (b - a) / 2;
    const w1 = h * (1 + beta);
    const w2 = h * (1 - beta);
    const s = x - a;
    if (s <= 0) return 0;
    if (s <= w2) return (s * s) / (2 * w1 * w2);
    if (s <= w1) return (s - w2 / 2) / w1;
    if (s <= w1 + w2) return 1 - (w1 + w2 - s) ** 2 / (2 * w1 * w2);
    return 1;
  };
  it.each`
    spec                                                                      | cdf                                                                                    | mean   | sd
    ${{ name: 'x', dist: 'normal', mean: '10', sd: '0.5' }}                   | ${(x: number) => normalCdf((x - 10) / 0.5)}                                            | ${10}  | ${0.5}
    ${{ name: 'x', dist: 'rectangular', a: '-1', b: '3' }}                    | ${(x: number) => (x + 1) / 4}                                                          | ${1}   | ${4 / Math.sqrt(12)}
    ${{ name: 'x', dist: 'triangular', a: '0', b: '2' }}                      | ${(x: number) => (x <= 1 ? (x * x) / 2 : 1 - ((2 - x) * (2 - x)) / 2)}                 | ${1}   | ${2 / Math.sqrt(24)}
    ${{ name: 'x', dist: 'arcsine', a: '-2', b: '2' }}                        | ${(x: number) => 0.5 + Math.asin(Math.max(-1, Math.min(1, x / 2))) / Math.PI}          | ${0}   | ${4 / Math.sqrt(8)}
    ${{ name: 'x', dist: 'u-shaped', a: '-2', b: '2' }}                       | ${(x: number) => 0.5 + Math.asin(Math.max(-1, Math.min(1, x / 2))) / Math.PI}          | ${0}   | ${4 / Math.sqrt(8)}
    ${{ name: 'x', dist: 'trapezoidal', a: '1', b: '5', beta: '0.4' }}        | ${trapezoidCdf(1, 5, 0.4)}                                                             | ${3}   | ${4 * Math.sqrt((1 + 0.16) / 24)}
    ${{ name: 'x', dist: 't', mean: '2', scale: '0.1', dof: 5 }}              | ${(x: number) => tCdf((x - 2) / 0.1, 5)}                                               | ${2}   | ${0.1 * Math.sqrt(5 / 3)}
    ${{ name: 'x', dist: 't', mean: '0', scale: '1', dof: 2.5 }}              | ${(x: number) => tCdf(x, 2.5)}                                                         | ${0}   | ${Math.sqrt(5)}
  `('$spec.dist $spec: distribution function and moments', ({ spec, cdf, mean, sd }) => {
    const x = draw(spec, 21);
    expect(ks(x, cdf)).toBeLessThan(KS_CRITICAL);
    const m = moments(x);
    expect(Math.abs(m.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(N));
    if (spec.dof !== 2.5) expect(Math.abs(m.sd - sd) / sd).toBeLessThan(0.01); // t with ν ≤ 4 has no finite kurtosis
  });

  it('stays within the support of bounded distributions', () => {
    for (const dist of ['rectangular', 'triangular', 'arcsine'] as const) {
      const x = draw({ name: 'x', dist, a: '1', b: '2' }, 3, 50000);
      expect(x.every((v) => v >= 1 && v <= 2)).toBe(true);
    }
  });

  it('gives the GUM view of each input used by the GUM-S1 §8 validation', () => {
    expect(samplerFor({ name: 'x', dist: 'rectangular', a: '-1', b: '3' }).gum).toEqual({ estimate: '1', u: { halfWidth: '2', dist: 'rectangular' } });
    expect(samplerFor({ name: 'x', dist: 't', mean: '2', scale: '0.1', dof: 5 }).gum).toEqual({ estimate: '2', u: '0.1', dof: 5 });
    expect(samplerFor({ name: 'x', dist: 't', mean: '2', sd: '0.1', dof: 5 }).gum).toEqual({ estimate: '2', u: '0.1', dof: 5 });
  });

  it('refuses bad parameters', () => {
    expect(() => samplerFor({ name: 'x', dist: 'rectangular', a: '2', b: '1' })).toThrow(/a must be below b/);
    expect(() => samplerFor({ name: 'x', dist: 'normal', mean: '0', sd: '-1' })).toThrow(/sd/);
    expect(() => samplerFor({ name: 'x', dist: 't', mean: '0', scale: '1', dof: 0 })).toThrow(/dof/);
    expect(() => samplerFor({ name: 'x', dist: 't', mean: '0', scale: '1', sd: '1', dof: 3 })).toThrow(/not both/);
    expect(() => samplerFor({ name: 'x', dist: 'trapezoidal', a: '0', b: '1', beta: '2' })).toThrow(/beta/);
    expect(() => samplerFor({ name: 'x', dist: 'cauchy' } as never)).toThrow(/dist must be/);
  });
});
