import { Dec, type DecimalLike, plainText, toDec } from '../decimal';
import { fail } from '../errors';
import { roundToInterval } from './round';

/**
 * Limit judgement, GB/T 8170-2008 clause 4. A limit is written as ">=A", ">A", "<=A",
 * "<A" (≥ and ≤ also accepted), "A±B" or the range "A~B" the standard's table 2 uses.
 */
export interface Limit {
  /** Lowest conforming value, or null when there is no lower limit. */
  readonly lower: Dec | null;
  readonly lowerInclusive: boolean;
  readonly upper: Dec | null;
  readonly upperInclusive: boolean;
  /** Most decimal places written in the limit: what the rounded-value method rounds to by default. */
  readonly decimals: number;
  readonly text: string;
}

const NUMBER = '([+-]?(?:\\d+\\.?\\d*|\\.\\d+))';
const ONE_SIDED = new RegExp(`^(>=|≥|>|<=|≤|<)\\s*${NUMBER}$`);
const PLUS_MINUS = new RegExp(`^${NUMBER}\\s*±\\s*${NUMBER}$`);
const RANGE = new RegExp(`^${NUMBER}\\s*~\\s*${NUMBER}$`);

const decimalsOf = (text: string): number => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

export function parseLimit(text: string): Limit {
  if (typeof text !== 'string') fail('limit must be a string such as ">=97.0" or "10.0±0.1"');
  const t = text.trim();
  let m = ONE_SIDED.exec(t);
  if (m) {
    const a = toDec(m[2], 'limit');
    const op = m[1];
    const lowerSide = op === '>=' || op === '≥' || op === '>';
    const inclusive = op !== '>' && op !== '<';
    return {
      lower: lowerSide ? a : null,
      lowerInclusive: lowerSide && inclusive,
      upper: lowerSide ? null : a,
      upperInclusive: !lowerSide && inclusive,
      decimals: decimalsOf(m[2]),
      text: t,
    };
  }
  m = PLUS_MINUS.exec(t);
  if (m) {
    const nominal = toDec(m[1], 'limit');
    const tolerance = toDec(m[2], 'limit tolerance');
    if (tolerance.isNegative()) fail(`tolerance in ${JSON.stringify(t)} must not be negative`);
    const decimals = Math.max(decimalsOf(m[1]), decimalsOf(m[2]));
    return { lower: nominal.minus(tolerance), lowerInclusive: true, upper: nominal.plus(tolerance), upperInclusive: true, decimals, text: t };
  }
  m = RANGE.exec(t);
  if (m) {
    const lower = toDec(m[1], 'limit');
    const upper = toDec(m[2], 'limit');
    if (lower.greaterThan(upper)) fail(`limit range ${JSON.stringify(t)} has its lower end above its upper end`);
    const decimals = Math.max(decimalsOf(m[1]), decimalsOf(m[2]));
    return { lower, lowerInclusive: true, upper, upperInclusive: true, decimals, text: t };
  }
  return fail(`limit ${JSON.stringify(text)} is not one of >=A, >A, <=A, <A, A±B, A~B`);
}

/** Whether x lies within the limit, boundaries counted as the limit's operators say. */
export function withinLimit(x: Dec, limit: Limit): boolean {
  if (limit.lower && (limit.lowerInclusive ? x.lessThan(limit.lower) : x.lessThanOrEqualTo(limit.lower))) return false;
  if (limit.upper && (limit.upperInclusive ? x.greaterThan(limit.upper) : x.greaterThanOrEqualTo(limit.upper))) return false;
  return true;
}

export type LimitMethod = 'full' | 'rounded';

export interface LimitJudgement {
  readonly conforms: boolean;
  /** The value actually compared: the value itself (full) or its rounded value (rounded). */
  readonly compared: string;
}

/**
 * GB/T 8170 clause 4. Full-value method (4.3.1): the value as measured is compared. Rounded-value
 * method (4.3.2): the value is first rounded, by default to the decimal places the limit is written
 * with, and that rounded value is compared. Table 2 of the standard shows why the two differ:
 * 96.96 fails ">=97.0" by the full value but conforms once rounded to 97.0.
 */
export function judgeLimit(
  value: DecimalLike,
  limit: string | Limit,
  options: { method?: LimitMethod; interval?: DecimalLike } = {},
): LimitJudgement {
  const parsed = typeof limit === 'string' ? parseLimit(limit) : limit;
  const method = options.method ?? 'full';
  let compared: string;
  if (method === 'full') {
    compared = plainText(value);
  } else if (method === 'rounded') {
    const interval = options.interval ?? new Dec(1).dividedBy(new Dec(10).pow(parsed.decimals)).toString();
    compared = roundToInterval(value, interval);
  } else {
    return fail(`method must be "full" or "rounded", got ${JSON.stringify(method)}`);
  }
  return { conforms: withinLimit(new Dec(compared), parsed), compared };
}
