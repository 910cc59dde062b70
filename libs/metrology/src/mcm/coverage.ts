import { fail } from '../errors';

// Math functions bound once: inside a vm sandbox (Jest) every global lookup is slow.
const { abs, floor, max, min, round, sqrt } = Math;


export type CoverageKind = 'shortest' | 'symmetric';

/**
 * Rearranges a[left..right] so that a[k] holds the value it would have if sorted, with nothing
 * larger before it and nothing smaller after it (Hoare's FIND / quickselect, median-of-three
 * pivot; expected linear time).
 */
function select(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    const mid = (left + right) >>> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** q = pM if that is an integer, otherwise the integer part of pM + ½ (GUM-S1 7.7.1). */
export function coverageCount(p: number, m: number): number {
  const pm = p * m;
  const q = abs(pm - round(pm)) < 1e-9 * m ? round(pm) : floor(pm + 0.5);
  if (q < 1 || q >= m) fail(`${m} trials are too few for a coverage probability of ${p}`);
  return q;
}

/**
 * Coverage interval from the model values (GUM-S1 7.7, JJF 1059.2 §7.7): with q as above, the
 * intervals [y₍ᵣ₎, y₍ᵣ₊q₎] for r = 1 … M − q all have coverage p; the probabilistically symmetric
 * one takes r = (M − q)/2 (or the integer part of (M − q + 1)/2), the shortest the r with least
 * width. Only the lowest M − q and highest M − q values can be end points, so only those two
 * tails are sorted (linear time instead of M log M); the result is the same as sorting all.
 * The array may be reordered.
 */
export function coverageInterval(values: Float64Array, p: number, kind: CoverageKind): { low: number; high: number } {
  if (kind !== 'shortest' && kind !== 'symmetric') fail(`coverage must be "shortest" or "symmetric", got ${JSON.stringify(kind)}`);
  const m = values.length;
  const q = coverageCount(p, m);
  const tail = m - q; // number of candidate lower ends
  // lower[r − 1] = y₍ᵣ₎ and upper[r − 1] = y₍ᵣ₊q₎ for r = 1 … tail
  const tails = tail <= q ? (sampledTails(values, tail) ?? selectedTails(values, tail, q)) : sortedTails(values, tail, q);
  const { lower, upper } = tails;
  let r: number;
  if (kind === 'symmetric') {
    r = tail % 2 === 0 ? tail / 2 : floor((tail + 1) / 2);
  } else {
    r = 1;
    let best = upper[0] - lower[0];
    for (let s = 2; s <= tail; s++) {
      const width = upper[s - 1] - lower[s - 1];
      if (width < best) {
        best = width;
        r = s;
      }
    }
  }
  return { low: lower[r - 1], high: upper[r - 1] };
}

interface Tails {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** p < ½: the tails overlap; sort everything. */
function sortedTails(values: Float64Array, tail: number, q: number): Tails {
  values.sort();
  return { lower: values.subarray(0, tail), upper: values.subarray(q, q + tail) };
}

/** Partition in place by quickselect, then sort the two tails. */
function selectedTails(values: Float64Array, tail: number, q: number): Tails {
  const m = values.length;
  select(values, 0, m - 1, tail - 1);
  select(values, tail, m - 1, q);
  return { lower: values.subarray(0, tail).sort(), upper: values.subarray(q, m).sort() };
}

/**
 * For large M, one pass instead of two quickselects: estimate the two cut values from a sorted
 * sample of the values (with a margin of several sampling standard errors), copy everything
 * beyond the cuts, and check the counts; null (falling back to quickselect) when a cut missed,
 * e.g. with many tied values.
 */
function sampledTails(values: Float64Array, tail: number): Tails | null {
  const m = values.length;
  const n = 20000;
  if (m < 10 * n) return null;
  const sample = new Float64Array(n);
  const stride = m / n;
  for (let i = 0; i < n; i++) sample[i] = values[floor(i * stride)];
  sample.sort();
  const fraction = tail / m;
  const margin = 6 * sqrt((fraction * (1 - fraction)) / n) + 2 / n;
  const lowCut = sample[min(n - 1, floor((fraction + margin) * n))];
  const highCut = sample[max(0, floor((1 - fraction - margin) * n))];
  if (!(lowCut < highCut)) return null;
  const capacity = floor((fraction + 2 * margin) * m) + 16;
  const low = new Float64Array(capacity);
  const high = new Float64Array(capacity);
  let nl = 0;
  let nh = 0;
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (v <= lowCut) {
      if (nl === capacity) return null;
      low[nl++] = v;
    } else if (v >= highCut) {
      if (nh === capacity) return null;
      high[nh++] = v;
    }
  }
  if (nl < tail || nh < tail) return null;
  const lower = low.subarray(0, nl).sort().subarray(0, tail);
  const upper = high.subarray(0, nh).sort().subarray(nh - tail, nh);
  return { lower, upper };
}

/** Mean and standard deviation (divisor M − 1, GUM-S1 7.6) with compensated summation. */
export function meanAndSd(values: Float64Array, n = values.length): { mean: number; sd: number } {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const t = sum + v;
    c += abs(sum) >= abs(v) ? sum - t + v : v - t + sum; // Neumaier
    sum = t;
  }
  const mean = (sum + c) / n;
  let ss = 0;
  let cs = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    const v = d * d;
    const t = ss + v;
    cs += ss >= v ? ss - t + v : v - t + ss;
    ss = t;
  }
  return { mean, sd: sqrt((ss + cs) / (n - 1)) };
}
