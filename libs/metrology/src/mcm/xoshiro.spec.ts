import { Xoshiro256StarStar } from './xoshiro';

/** The authors' reference algorithm (prng.di.unimi.it/xoshiro256starstar.c), transcribed with BigInt. */
const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & MASK;
function reference(seed: bigint): () => bigint {
  let x = seed;
  const splitMix = (): bigint => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };
  const s = [splitMix(), splitMix(), splitMix(), splitMix()];
  return () => {
    const result = (rotl((s[1] * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1] << 17n) & MASK;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  };
}

describe('R-6.3.5 xoshiro256** generator for JJF 1059.2 Monte Carlo', () => {
  it.each([0, 1, 7, 2 ** 53 - 1])('reproduces the reference algorithm bit for bit (seed %s)', (seed) => {
    const ref = reference(BigInt(seed));
    const rng = new Xoshiro256StarStar(seed);
    let mismatches = 0;
    for (let i = 0; i < 10000; i++) if (rng.nextBigInt() !== ref()) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('knows SplitMix64’s published first output for seed 0', () => {
    // first SplitMix64 output of state 0 (Vigna's splitmix64.c): 0xe220a8397b1dcdaf
    const rng = new Xoshiro256StarStar(0);
    const state = (rng as unknown as { state: Int32Array }).state;
    expect(((BigInt(state[0] >>> 0) << 32n) | BigInt(state[1] >>> 0)).toString(16)).toBe('e220a8397b1dcdaf');
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const a = new Xoshiro256StarStar(42);
    const b = new Xoshiro256StarStar(42);
    const c = new Xoshiro256StarStar(43);
    const x = [a.uniform(), a.uniform()];
    expect([b.uniform(), b.uniform()]).toEqual(x);
    expect(c.uniform()).not.toBe(x[0]);
  });

  it('gives uniforms strictly inside (0, 1) with mean ½ and variance 1/12', () => {
    const rng = new Xoshiro256StarStar(5);
    const n = 200000;
    const u = new Float64Array(n);
    rng.fillUniform(u, n, new Int32Array(2 * n));
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (const v of u) {
      if (!(v > 0 && v < 1)) outside++;
      sum += v;
      sq += (v - 0.5) ** 2;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('refuses seeds that are not non-negative integers', () => {
    expect(() => new Xoshiro256StarStar(-1)).toThrow(RangeError);
    expect(() => new Xoshiro256StarStar(1.5)).toThrow(RangeError);
  });
});
