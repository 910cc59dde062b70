import { Violation, violation } from './rules';

export interface TimeStamp {
  receivedAt: string;
  claimedAt: string | null;
  late: boolean;
  lateReason: string | null;
}

/**
 * recorded when generated: the server stamps every observation on arrival. A claimed
 * reading time further behind than the tolerance is late: refused, or (policy `mark`) accepted
 * only with a reason and marked late for good. A claimed time in the future is refused. There is
 * no way to supply the server stamp, so nothing can pretend to be original.
 */
export function stampObservation(
  input: { claimedAt?: string | null; lateReason?: string | null },
  now: Date,
  toleranceSeconds: number,
  policy: 'refuse' | 'mark',
  field: string,
): TimeStamp | Violation {
  const receivedAt = now.toISOString();
  if (!input.claimedAt) {
    if (input.lateReason) return violation('R-6.3.3', `${field}.lateReason`, 'late-reason-needs-time', 'a late reason needs the time the value was read (claimedAt)');
    return { receivedAt, claimedAt: null, late: false, lateReason: null };
  }
  const claimed = new Date(input.claimedAt);
  const behind = (now.getTime() - claimed.getTime()) / 1000;
  if (behind < -toleranceSeconds) {
    return violation('R-6.3.3', `${field}.claimedAt`, 'not-in-future', `the claimed time ${input.claimedAt} lies ${Math.round(-behind)} s in the future`);
  }
  if (behind <= toleranceSeconds) return { receivedAt, claimedAt: claimed.toISOString(), late: false, lateReason: null };
  if (policy === 'refuse') {
    return violation('R-6.3.3', `${field}.claimedAt`, 'recorded-when-generated', `the value was read ${Math.round(behind)} s ago; values must be recorded within ${toleranceSeconds} s`);
  }
  if (!input.lateReason || input.lateReason.trim().length < 5) {
    return violation(
      'R-6.3.3', `${field}.lateReason`, 'late-needs-reason',
      `the value was read ${Math.round(behind)} s ago (tolerance ${toleranceSeconds} s): a late value is accepted only with the reason it is late`,
    );
  }
  return { receivedAt, claimedAt: claimed.toISOString(), late: true, lateReason: input.lateReason.trim() };
}

export const isViolation = (x: unknown): x is Violation => typeof x === 'object' && x !== null && 'requirement' in x && 'rule' in x;
