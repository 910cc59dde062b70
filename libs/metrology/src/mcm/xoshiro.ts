/**
 * xoshiro256** (Blackman & Vigna, 2018): 256-bit state, period 2²⁵⁶ − 1, passes BigCrush; the
 * generator its authors recommend for floating-point Monte Carlo (JJF 1059.2 / GUM-S1 C.3 ask
 * for a well-tested generator with a long period). JS has no fast 64-bit integers, so each 64-bit
 * word is held as two 32-bit halves and the multiplications by 5 and 9 become shift-and-add with
 * an explicit carry. The unit tests compare the output with a BigInt transcription of the
 * authors' C code. Seeding follows their advice: SplitMix64 of the seed fills the state.
 */

// Math.imul bound once: inside a vm sandbox (Jest) every global lookup is slow.
const { imul } = Math;
const TWO_M53 = 2 ** -53;
const MASK64 = (1n << 64n) - 1n;

function splitMix64(seed: bigint): () => bigint {
  let x = seed & MASK64;
  return () => {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  };
}

export class Xoshiro256StarStar {
  /**
   * s0 high, s0 low, s1 high, … s3 low. Public only for samplers that run the generator inline in
   * their own loop (the ziggurat in normal.ts), which must leave it updated.
   */
  readonly state = new Int32Array(8);

  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && !(Number.isSafeInteger(seed) && seed >= 0)) {
      throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    }
    const next = splitMix64(BigInt(seed));
    for (let i = 0; i < 4; i++) {
      const w = next();
      this.state[2 * i] = Number(w >> 32n) | 0;
      this.state[2 * i + 1] = Number(w & 0xffffffffn) | 0;
    }
  }

  /**
   * Writes `count` outputs as (high, low) pairs of signed 32-bit words into words[0 .. 2·count).
   * The whole state lives in locals for the loop: this is the hot path of the Monte Carlo.
   */
  fillWords(words: Int32Array, count: number): void {
    const st = this.state;
    let s0h = st[0], s0l = st[1], s1h = st[2], s1l = st[3], s2h = st[4], s2l = st[5], s3h = st[6], s3l = st[7];
    for (let i = 0; i < count; i++) {
      // result = rotl(s1 · 5, 7) · 9, with x·5 = (x << 2) + x and x·9 = (x << 3) + x
      let a = s1l << 2;
      let s = (a + s1l) | 0;
      const m5h = (imul(s1h, 5) + (s1l >>> 30) + (((a & s1l) | ((a | s1l) & ~s)) >>> 31)) | 0;
      const m5l = s;
      const rh = (m5h << 7) | (m5l >>> 25);
      const rl = (m5l << 7) | (m5h >>> 25);
      a = rl << 3;
      s = (a + rl) | 0;
      words[2 * i] = (imul(rh, 9) + (rl >>> 29) + (((a & rl) | ((a | rl) & ~s)) >>> 31)) | 0;
      words[2 * i + 1] = s;
      // t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)
      const th = (s1h << 17) | (s1l >>> 15);
      const tl = s1l << 17;
      s2h ^= s0h;
      s2l ^= s0l;
      s3h ^= s1h;
      s3l ^= s1l;
      s1h ^= s2h;
      s1l ^= s2l;
      s0h ^= s3h;
      s0l ^= s3l;
      s2h ^= th;
      s2l ^= tl;
      const r = (s3l << 13) | (s3h >>> 19); // rotl 45 = swap halves, then rotl 13
      s3l = (s3h << 13) | (s3l >>> 19);
      s3h = r;
    }
    st[0] = s0h; st[1] = s0l; st[2] = s1h; st[3] = s1l; st[4] = s2h; st[5] = s2l; st[6] = s3h; st[7] = s3l;
  }

  private readonly one = new Int32Array(2);

  /** Uniform on the open interval (0, 1): the top 53 bits plus half a step, so never 0 or 1. */
  uniform(): number {
    this.fillWords(this.one, 1);
    return toUnit(this.one[0], this.one[1]);
  }

  /** Fills out[0..n) with uniforms on (0, 1), `scratch` holding 2n words. */
  fillUniform(out: Float64Array, n: number, scratch: Int32Array): void {
    this.fillWords(scratch, n);
    for (let i = 0; i < n; i++) out[i] = toUnit(scratch[2 * i], scratch[2 * i + 1]);
  }

  /** The next raw 64-bit output (for tests against the reference algorithm). */
  nextBigInt(): bigint {
    this.fillWords(this.one, 1);
    return (BigInt(this.one[0] >>> 0) << 32n) | BigInt(this.one[1] >>> 0);
  }
}

/** The top 53 bits of a (high, low) word pair as a double in (0, 1). */
export const toUnit = (hi: number, lo: number): number => ((hi >>> 0) * 2097152 + (lo >>> 11) + 0.5) * TWO_M53;
