import { type Dec, type DecimalLike, formatNumber, toDec } from '../decimal';
import { fail } from '../errors';
import { type Limit, parseLimit, withinLimit } from '../rounding/limit';
import { probabilityOfConformance } from './conformance';

export type DecisionRule = 'simple' | 'guarded' | 'non-binary';
export type Decision = 'pass' | 'fail' | 'conditional-pass' | 'conditional-fail';

export interface DecisionSpec {
  readonly value: DecimalLike;
  /** Expanded uncertainty of the value. */
  readonly U: DecimalLike;
  /** Tolerance limit(s): ">=A", ">A", "<=A", "<A", "A±B" or "A~B". */
  readonly limit: string | Limit;
  readonly rule: DecisionRule;
  /** Guard band w; default w = U (ILAC-G8:09/2019 §4.2.2). */
  readonly w?: DecimalLike;
  /** Coverage factor of U, to recover u = U / k for the conformance probability; default 2. */
  readonly k?: DecimalLike;
}

export interface DecisionResult {
  readonly decision: Decision;
  /** Probability that the measurand conforms, for a normal result (JCGM 106 §7.3). */
  readonly pConform: string;
}

/** The limit moved by `shift` on each side: +w gives the acceptance zone, −w the rejection limits. */
function shifted(limit: Limit, shift: Dec): Limit {
  return {
    ...limit,
    lower: limit.lower ? limit.lower.plus(shift) : null,
    upper: limit.upper ? limit.upper.minus(shift) : null,
  };
}

/**
 * Statement of conformity under a decision rule (ILAC-G8:09/2019 §4, JJF 1094; R-6.4.2.3):
 * - simple (§4.2.1, w = 0): pass when the value is within the tolerance;
 * - guarded (§4.2.2, binary): pass only within the acceptance zone, the tolerance narrowed by w;
 * - non-binary (§4.2.3, fig. 5): pass inside the acceptance zone, conditional pass in the rest of
 *   the tolerance, conditional fail outside it by less than w, fail beyond.
 * Zone boundaries belong to the better zone (a value on the acceptance limit passes), and the
 * zones are decided in exact decimals so a value on a limit is never lost to rounding.
 */
export function decide(spec: DecisionSpec): DecisionResult {
  const value = toDec(spec.value, 'value');
  const U = toDec(spec.U, 'U');
  if (U.isNegative()) fail('U must not be negative');
  const limit = typeof spec.limit === 'string' ? parseLimit(spec.limit) : spec.limit;
  const w = spec.w === undefined ? U : toDec(spec.w, 'w');
  if (w.isNegative()) fail('guard band w must not be negative');
  const k = toDec(spec.k ?? '2', 'k');
  if (!k.greaterThan(0)) fail('k must be positive');

  const inTolerance = withinLimit(value, limit);
  let decision: Decision;
  switch (spec.rule) {
    case 'simple':
      decision = inTolerance ? 'pass' : 'fail';
      break;
    case 'guarded':
      decision = withinLimit(value, shifted(limit, w)) ? 'pass' : 'fail';
      break;
    case 'non-binary': {
      const widened = shifted({ ...limit, lowerInclusive: true, upperInclusive: true }, w.negated());
      if (withinLimit(value, shifted(limit, w))) decision = 'pass';
      else if (inTolerance) decision = 'conditional-pass';
      else if (withinLimit(value, widened)) decision = 'conditional-fail';
      else decision = 'fail';
      break;
    }
    default:
      return fail(`rule must be "simple", "guarded" or "non-binary", got ${JSON.stringify(spec.rule)}`);
  }
  const p = probabilityOfConformance(
    value.toNumber(),
    U.dividedBy(k).toNumber(),
    limit.lower ? limit.lower.toNumber() : null,
    limit.upper ? limit.upper.toNumber() : null,
  );
  return { decision, pConform: formatNumber(p) };
}
