import { addYears } from '@calchain/platform/calendar';
import { RecordState } from './record-state';
import { Violation, violation } from './rules';

/** the retention class of raw records and its period (never below 6 years). */
export const retentionClassOf = (years: number) => `raw-record-${years}y`;

export function retainUntil(approvedOn: string, years: number): string {
  if (years < 6) throw new Error('R-7.3.2: raw records are kept at least 6 years');
  return addYears(approvedOn, years);
}

/**
 * deletion before expiry is impossible; after expiry a record leaves only through an
 * approved destruction list, never by a single delete.
 */
export function deletionProblem(s: RecordState, retainUntilDate: string | null, today: string): Violation {
  if (s.status !== 'approved' && s.status !== 'remeasured') {
    return violation('R-6.3.6', 'id', 'retained', `record is ${s.status}: a raw record is kept for its whole retention period once approved, and is never deleted before`);
  }
  if (retainUntilDate === null || today <= retainUntilDate) {
    return violation('R-6.3.6', 'id', 'retention-expired', `record is retained until ${retainUntilDate ?? 'its approval plus the retention period'}; deletion before expiry is impossible`);
  }
  return violation('R-7.3.1', 'id', 'destruction-list', `the retention of this record expired on ${retainUntilDate}; expired records are destroyed only through an approved destruction list`);
}
