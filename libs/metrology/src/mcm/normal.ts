import type { Xoshiro256StarStar } from './xoshiro';

// Math functions bound once: inside a vm sandbox (Jest) every global lookup is slow.
const { abs, exp, floor, imul, log, sqrt } = Math;


/**
 * Standard normal deviates by the ziggurat method in Doornik's ZIGNOR form (2005), 128 layers:
 * about 99 % of draws cost one 64-bit random word, a table look-up and a multiplication, with no
 * logarithm or trigonometry. The layer index uses the low 7 bits of the word and the uniform the
 * top 53, so the two never share bits (the flaw Doornik pointed out in the original ziggurat).
 */
const LAYERS = 128;
/** Start of the tail and area of each layer for 128 layers (Doornik 2005). */
const R = 3.442619855899;
const V = 9.91256303526217e-3;

const X = new Float64Array(LAYERS + 1);
const RATIO = new Float64Array(LAYERS);
{
  let f = exp(-0.5 * R * R);
  X[0] = V / f;
  X[1] = R;
  X[LAYERS] = 0;
  for (let i = 2; i < LAYERS; i++) {
    X[i] = sqrt(-2 * log(V / X[i - 1] + f));
    f = exp(-0.5 * X[i] * X[i]);
  }
  for (let i = 0; i < LAYERS; i++) RATIO[i] = X[i + 1] / X[i];
}

/** The layer table, exposed for the test that checks every layer has area V. */
export const zigguratTable = { X, V, R } as const;

const TWO_M52 = 2 ** -52;

/** Tail beyond R (Marsaglia 1964). */
function tail(rng: Xoshiro256StarStar, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = log(rng.uniform()) / R;
    y = log(rng.uniform());
  } while (-2 * y < x * x);
  return negative ? x - R : R - x;
}

/**
 * Fills out[0..n) with standard normal deviates. The xoshiro256** step of xoshiro.ts is repeated
 * here inline, with the state in locals, because the call and buffer round trip per deviate cost
 * a third of the time; the unit test checks this copy against the generator's own output. The
 * rare draws outside the rectangles hand the state back to the generator object.
 */
export function fillStandardNormal(rng: Xoshiro256StarStar, out: Float64Array, n: number): void {
  const st = rng.state;
  let s0h = st[0], s0l = st[1], s1h = st[2], s1l = st[3], s2h = st[4], s2l = st[5], s3h = st[6], s3l = st[7];
  for (let k = 0; k < n; k++) {
    // one xoshiro256** output (hi, lo), as in Xoshiro256StarStar.fillWords
    let a = s1l << 2;
    let s = (a + s1l) | 0;
    const m5h = (imul(s1h, 5) + (s1l >>> 30) + (((a & s1l) | ((a | s1l) & ~s)) >>> 31)) | 0;
    const m5l = s;
    const rh = (m5h << 7) | (m5l >>> 25);
    const rl = (m5l << 7) | (m5h >>> 25);
    a = rl << 3;
    s = (a + rl) | 0;
    const hi = (imul(rh, 9) + (rl >>> 29) + (((a & rl) | ((a | rl) & ~s)) >>> 31)) | 0;
    const lo = s;
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
    const r = (s3l << 13) | (s3h >>> 19);
    s3l = (s3h << 13) | (s3l >>> 19);
    s3h = r;
    // u uniform on (−1, 1) from the top 53 bits; layer from the low 7
    const u = ((hi >>> 0) * 2097152 + (lo >>> 11) + 0.5) * TWO_M52 - 1;
    const i = lo & 0x7f;
    if (abs(u) < RATIO[i]) {
      out[k] = u * X[i];
    } else {
      st[0] = s0h; st[1] = s0l; st[2] = s1h; st[3] = s1l; st[4] = s2h; st[5] = s2l; st[6] = s3h; st[7] = s3l;
      out[k] = slowPath(rng, u, i);
      s0h = st[0]; s0l = st[1]; s1h = st[2]; s1l = st[3]; s2h = st[4]; s2l = st[5]; s3h = st[6]; s3l = st[7];
    }
  }
  st[0] = s0h; st[1] = s0l; st[2] = s1h; st[3] = s1l; st[4] = s2h; st[5] = s2l; st[6] = s3h; st[7] = s3l;
}

/** The ~1 % of draws outside the rectangles: the wedge test, or the tail for the base layer. */
function slowPath(rng: Xoshiro256StarStar, u: number, i: number): number {
  for (;;) {
    if (i === 0) return tail(rng, u < 0);
    const x = u * X[i];
    const f0 = exp(-0.5 * (X[i] * X[i] - x * x));
    const f1 = exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
    if (f1 + rng.uniform() * (f0 - f1) < 1) return x;
    // rejected: a fresh draw
    const w = rng.uniform();
    u = 2 * w - 1;
    i = floor(rng.uniform() * LAYERS);
    if (abs(u) < RATIO[i]) return u * X[i];
  }
}
