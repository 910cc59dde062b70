import { violation } from '../../shared/domain/rule-violation';

/** Where an item is, end to end (R-7.1.1: acceptance, dispatch, lab circulation, certificate, return). */
export type ItemStatus = 'accepted' | 'in-lab' | 'measured' | 'reviewed' | 'certificate-issued' | 'returned' | 'cancelled';

const order: ItemStatus[] = ['accepted', 'in-lab', 'measured', 'reviewed', 'certificate-issued', 'returned'];

/**
 * R-7.1.1, R-4.5 the flow cannot be skipped: an item is received before it is measured (on-site
 * items are measured where they are), measured before its record is reviewed, reviewed before its
 * certificate is issued. Return is possible at any point once received (a customer may take an
 * item back unfinished); a cancelled item can only still be returned. Moving backwards never is.
 */
export function nextStatus(current: ItemStatus, to: ItemStatus, place: 'lab' | 'on-site' | null): ItemStatus {
  if (current === to) violation('R-7.1.1', 'status', 'changes', `the item is already ${to}`);
  if (current === 'returned') violation('R-7.1.1', 'status', 'not-returned', 'the item was returned');
  if (to === 'cancelled') return to;
  if (current === 'cancelled' && to !== 'returned') violation('R-7.1.1', 'status', 'not-cancelled', 'the item was cancelled; it can only be returned');
  if (to === 'returned') return to;
  const from = order.indexOf(current);
  const target = order.indexOf(to);
  const skipsReceipt = current === 'accepted' && to === 'measured' && place === 'on-site';
  if (target !== from + 1 && !skipsReceipt) {
    violation('R-4.5', 'status', 'no-skipping', `an item that is ${current} cannot become ${to}${target < from ? '' : `; it must be ${order[from + 1]} first`}`);
  }
  return to;
}

/** The clock of a promise stops when the certificate is issued or the item is returned or cancelled. */
export const stopsClock = (status: ItemStatus) => status === 'certificate-issued' || status === 'returned' || status === 'cancelled';
