import { violation } from '../../shared/domain/rule-violation';

/**
 * Re-measurement requests: suspicious data found in a record open a request; it is
 * assigned to someone who re-measures, the re-measurement's approved record is linked to it, and
 * only then may it be closed with an outcome. While it is not closed, the affected work must not
 * be certified (quality.remeasurement.opened / .closed).
 */
export type RemeasurementStatus = 'open' | 'assigned' | 'results-linked' | 'closed';
export type RemeasurementOutcome = 'original-confirmed' | 'original-superseded';

export interface RemeasurementState {
  status: RemeasurementStatus;
  assignee: string | null;
  resultRecordId: string | null;
}

/** an open or assigned request may be (re)assigned; linked or closed ones keep who did the work. */
export function assign(state: RemeasurementState, assignee: string, dueOn: string | null, today: string): RemeasurementStatus {
  if (state.status === 'closed') violation('R-8.2', 'id', 'closed', 'The re-measurement request is closed.');
  if (state.status === 'results-linked') violation('R-8.2', 'assignee', 'results-linked', 'The re-measurement results are already linked; the request can only be closed.');
  if (dueOn !== null && dueOn < today) violation('R-8.2', 'dueOn', 'in-the-past', 'The due date cannot be in the past.');
  if (!assignee.trim()) violation('R-8.2', 'assignee', 'required', 'A re-measurement is assigned to a person.');
  return 'assigned';
}

/**
 * an approved record that re-measures the suspicious one links to the request. A record
 * approved for a closed request changes nothing (returns null); a second approved re-measurement
 * replaces the link, so the latest approved result is the one the request is closed with.
 */
export function linkResult(state: RemeasurementState): RemeasurementStatus | null {
  if (state.status === 'closed') return null;
  return 'results-linked';
}

/** closing needs the linked re-measurement result and an outcome. */
export function close(state: RemeasurementState): RemeasurementStatus {
  if (state.status === 'closed') violation('R-8.2', 'id', 'closed', 'The re-measurement request is already closed.');
  if (state.status !== 'results-linked' || !state.resultRecordId) {
    violation('R-8.2', 'id', 'results-required', 'A re-measurement request is closed only after the re-measurement record has been approved and linked.');
  }
  return 'closed';
}
