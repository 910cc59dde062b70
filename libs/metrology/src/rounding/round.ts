import Decimal from 'decimal.js';
import type { DecimalLike } from '../decimal';
import { fail } from '../errors';

/**
 * GB/T 8170-2008 rounding, done in exact integer arithmetic on the decimal digits, so
 * no binary floating point ever touches a reported value.
 *
 * A value x rounded to the interval d × 10^n (d = 1, 2 or 5) is q × d × 10^n where q is x / (d × 10^n)
 * rounded to an integer. With half-even on q this is exactly the standard's rules: clause 3.2
 * (d = 1), the 0.5-unit rule of 3.4 ("double x, round to the unit, halve") and the 0.2-unit rule
 * ("multiply by 5, round, divide by 5"), because 2x / 10^(n+1) and 5x / 10^(n+1) are that same q.
 */
export type RoundingMode = 'half-even' | 'up';

interface DecimalParts {
  readonly neg: boolean;
  /** Number of significant digits (leading zeros dropped); 0 for zero. */
  readonly count: number;
  /** The significant digits as a number when count ≤ 15 (exact in a double), else NaN. */
  readonly small: number;
  /** The significant digits as text, only when count > 15 (the BigInt path). */
  readonly digits: string;
  /** value = ±digits × 10^exp */
  readonly exp: number;
}

/**
 * Reads a decimal string ("-12.30", "1.2e-5", " +7 ") with a hand-written scanner: this is the
 * hot path of bulk rounding, and building regex captures cost more than the arithmetic.
 */
function decimalParts(value: DecimalLike, field: string): DecimalParts {
  const text = typeof value === 'string' ? value : Decimal.isDecimal(value) ? value.toString() : value;
  const bad = (): never => fail(`${field} is not a decimal number: ${JSON.stringify(value)}`);
  if (typeof text !== 'string') return bad();
  let i = 0;
  let end = text.length;
  while (i < end && text.charCodeAt(i) <= 32) i++;
  while (end > i && text.charCodeAt(end - 1) <= 32) end--;
  let neg = false;
  if (text.charCodeAt(i) === 45) {
    neg = true;
    i++;
  } else if (text.charCodeAt(i) === 43) {
    i++;
  }
  let small = 0;
  let count = 0;
  let exp = 0;
  let sawDigit = false;
  let sawDot = false;
  let firstSignificant = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      sawDigit = true;
      if (sawDot) exp--;
      if (count === 0 && c === 48) continue;
      if (count === 0) firstSignificant = i;
      if (++count <= 15) small = small * 10 + (c - 48);
    } else if (c === 46 && !sawDot) {
      sawDot = true;
    } else {
      break;
    }
  }
  const mantissaEnd = i;
  if (!sawDigit) return bad();
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 101 && c !== 69) return bad();
    const e = text.slice(i + 1, end);
    if (!/^[+-]?\d+$/.test(e)) return bad();
    exp += Number(e);
  }
  if (count <= 15) return { neg, count, small, digits: '', exp };
  const digits = text.slice(firstSignificant, mantissaEnd).replace('.', '');
  return { neg, count, small: NaN, digits, exp };
}

interface Interval {
  readonly d: 1 | 2 | 5;
  readonly n: number;
}

const intervalCache = new Map<string, Interval>();

function parseInterval(interval: DecimalLike): Interval {
  const key = interval.toString();
  const cached = intervalCache.get(key);
  if (cached) return cached;
  const p = decimalParts(interval, 'interval');
  let digits = p.count <= 15 ? (p.count === 0 ? '' : String(p.small)) : p.digits;
  let n = p.exp;
  while (digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    n++;
  }
  if (p.neg || (digits !== '1' && digits !== '2' && digits !== '5')) {
    fail(`interval must be 1, 2 or 5 × 10^n (GB/T 8170 3.1), got ${JSON.stringify(key)}`);
  }
  const parsed: Interval = { d: Number(digits) as 1 | 2 | 5, n };
  if (intervalCache.size < 1000) intervalCache.set(key, parsed);
  return parsed;
}

/** Exact powers of ten up to 10¹⁵, looked up rather than computed in the hot path. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Rounds |x| / (d × 10^n) to an integer count of d × 10^n steps; returns that count times d. */
function roundedUnits(x: DecimalParts, d: number, n: number, mode: RoundingMode): bigint | number {
  const shift = x.exp - n;
  // Fast path: every operand is an integer below 2^53, so Number arithmetic is exact.
  if (x.count + Math.max(shift, 0) <= 15 && shift >= -15) {
    const num = x.small * (shift > 0 ? POW10[shift] : 1);
    const den = d * (shift < 0 ? POW10[-shift] : 1);
    let q = Math.floor(num / den);
    let r = num - q * den;
    // floor(num / den) may be one off after the float division
    if (r < 0) {
      q -= 1;
      r += den;
    } else if (r >= den) {
      q += 1;
      r -= den;
    }
    if (mode === 'up' ? r > 0 : 2 * r > den || (2 * r === den && q % 2 === 1)) q += 1;
    return q * d;
  }
  const num = BigInt(x.count <= 15 ? x.small : x.digits) * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const den = BigInt(d) * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  let q = num / den;
  const r = num - q * den;
  if (mode === 'up' ? r > 0n : 2n * r > den || (2n * r === den && (q & 1n) === 1n)) q += 1n;
  return q * BigInt(d);
}

/** units × 10^n as text with exactly max(0, -n) decimals; no negative zero. */
function formatUnits(neg: boolean, units: bigint | number, n: number): string {
  let text = units.toString();
  if (text === '0') neg = false;
  if (n >= 0) {
    if (text !== '0') text += '0'.repeat(n);
  } else {
    const decimals = -n;
    if (text.length <= decimals) text = '0'.repeat(decimals - text.length + 1) + text;
    text = `${text.slice(0, text.length - decimals)}.${text.slice(text.length - decimals)}`;
  }
  return neg ? `-${text}` : text;
}

/**
 * Rounds `value` to `interval` (1, 2 or 5 × 10^n) in one step, negatives by their absolute value
 * (GB/T 8170 3.2.5), keeping the interval's decimal places: roundToInterval('60.25', '0.5') is
 * '60.0'. Mode 'up' (only ever away from zero) is the rounding labs may choose for uncertainties.
 */
export function roundToInterval(value: DecimalLike, interval: DecimalLike, mode: RoundingMode = 'half-even'): string {
  const { d, n } = parseInterval(interval);
  const x = decimalParts(value, 'value');
  return formatUnits(x.neg, roundedUnits(x, d, n, mode), n);
}

/** Result of a significant-figure rounding with the power of ten of its last kept digit. */
export interface SigRounding {
  readonly text: string;
  /** The rounded value is a multiple of 10^exponent (what the result value is rounded to). */
  readonly exponent: number;
}

export function roundSigDetailed(value: DecimalLike, digits: number, mode: RoundingMode = 'half-even'): SigRounding {
  if (!Number.isInteger(digits) || digits < 1) fail(`digits must be a positive integer, got ${digits}`);
  const x = decimalParts(value, 'value');
  if (x.count === 0) return { text: '0', exponent: 0 };
  let n = x.exp + x.count - digits; // power of ten of the last kept digit
  let units = roundedUnits(x, 1, n, mode);
  // 9.96 to two figures is 10.0 at the first attempt; dropping the exact trailing zero gives "10",
  // still one-step rounding (nothing is rounded twice).
  if (units.toString().length > digits) {
    units = typeof units === 'bigint' ? units / 10n : units / 10;
    n += 1;
  }
  return { text: formatUnits(x.neg, units, n), exponent: n };
}

/** Rounds to `digits` significant figures: roundSig('0.012351', 2) is '0.012'. */
export function roundSig(value: DecimalLike, digits: number, mode: RoundingMode = 'half-even'): string {
  return roundSigDetailed(value, digits, mode).text;
}

/** The decimal places a rounding interval implies ("0.5" → 1, "20" → 0). */
export function intervalDecimals(interval: DecimalLike): number {
  return Math.max(0, -parseInterval(interval).n);
}
