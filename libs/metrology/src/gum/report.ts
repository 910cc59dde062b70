import { type DecimalLike, toDec } from '../decimal';
import { fail } from '../errors';
import { roundSigDetailed, roundToInterval } from '../rounding/round';

export type ReportMode = 'round' | 'up';

export interface ReportedResult {
  readonly value: string;
  readonly U: string;
}

/**
 * Reports a result with its expanded uncertainty (JJF 1059.1 §5.3, GUM 7.2.6; R-6.4.2.2): U keeps
 * at most two significant figures, rounded by GB/T 8170 or, where the lab chooses, only ever up
 * ("只进不舍"), and the value is rounded (GB/T 8170) to the same decimal place as U.
 * reportResult('50.000838', '0.0000932') gives { value: '50.000838', U: '0.000093' }.
 */
export function reportResult(
  value: DecimalLike,
  U: DecimalLike,
  options: { mode?: ReportMode; digits?: 1 | 2 } = {},
): ReportedResult {
  const mode = options.mode ?? 'round';
  if (mode !== 'round' && mode !== 'up') fail(`mode must be "round" or "up", got ${JSON.stringify(mode)}`);
  const digits = options.digits ?? 2;
  if (digits !== 1 && digits !== 2) fail('an expanded uncertainty is reported with one or two significant figures');
  if (!toDec(U, 'U').greaterThan(0)) fail('U must be positive');
  const u = roundSigDetailed(U, digits, mode === 'up' ? 'up' : 'half-even');
  return { value: roundToInterval(value, `1e${u.exponent}`), U: u.text };
}
