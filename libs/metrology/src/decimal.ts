import Decimal from 'decimal.js';
import { fail } from './errors';

/**
 * The library's own decimal.js configuration, cloned so that nothing another package sets on the
 * global Decimal can change a reported value. 60 significant digits keep every sum and product of
 * realistic measured values exact; half-even is the GB/T 8170 rule for the rare place where
 * decimal.js itself has to round; plain notation because certificates never show "1e-7".
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Dec = InstanceType<typeof Dec>;

/** Values that are not exact (a mean of 3, a square root) leave with this many significant digits. */
export const OUTPUT_DIGITS = 20;

/** What callers may pass where a measured value is expected. */
export type DecimalLike = string | Decimal;

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a decimal string (or a Decimal) strictly. JS numbers are refused on purpose: 97.0 and 97
 * are the same double, but not the same measured value (the trailing zero carries the resolution).
 */
export function toDec(value: unknown, field = 'value'): Dec {
  if (Decimal.isDecimal(value)) return new Dec((value as Decimal).toString());
  if (typeof value !== 'string') fail(`${field} must be a decimal string, got ${JSON.stringify(value)}`);
  const text = value.trim();
  if (!DECIMAL_TEXT.test(text)) fail(`${field} is not a decimal number: ${JSON.stringify(value)}`);
  return new Dec(text);
}

/** A decimal string converted to a double, for the floating-point uncertainty maths. */
export function toNumber(value: unknown, field = 'value'): number {
  return toDec(value, field).toNumber();
}

/** Computed decimal results: exact ones unchanged, endless ones cut to OUTPUT_DIGITS. */
export function formatDec(d: Dec): string {
  const text = d.toSignificantDigits(OUTPUT_DIGITS).toString();
  return text === '-0' ? '0' : text;
}

/**
 * A double as the shortest decimal string that reads back to the same double (what
 * Number#toString gives), in plain notation.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) fail(`result is not finite (${x})`);
  return x === 0 ? '0' : new Dec(x).toString();
}

/** A value as written when it is a plain decimal (keeps "97.000"), else in normalised plain form. */
export function plainText(value: DecimalLike, field = 'value'): string {
  const d = toDec(value, field);
  const text = typeof value === 'string' ? value.trim().replace(/^\+/, '') : '';
  return /^-?(\d+\.?\d*|\.\d+)$/.test(text) ? text : d.toString();
}
