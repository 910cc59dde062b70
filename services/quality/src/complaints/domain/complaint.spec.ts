import { RuleViolation } from '../../shared/domain/rule-violation';
import { canReadComplaint, canSeeComplainant, checkReceivedAt, ComplaintState, decideClose, decideExtension, dueAt, newlyBreached } from './complaint';

const now = new Date('2026-05-10T08:00:00Z');
const complaint = (over: Partial<ComplaintState> = {}): ComplaintState => ({
  status: 'in-handling', confidential: false, dueAt: new Date('2026-05-20T08:00:00Z'), handlers: ['h1'], breachedAt: null, ...over,
});
const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RuleViolation) return `${error.requirement}:${error.field}:${error.rule}`;
    throw error;
  }
  return 'none';
};
const agreement = { agreedOn: '2026-05-10', via: 'phone call' };

describe('complaint time limit (R-8.3.2)', () => {
  it('starts the clock at receipt with the published limit', () => {
    expect(dueAt(new Date('2026-05-01T10:00:00Z'), 15).toISOString()).toBe('2026-05-16T10:00:00.000Z');
  });

  it('refuses a receipt in the future or more than a year ago', () => {
    expect(rule(() => checkReceivedAt(new Date('2026-05-11T08:00:00Z'), now))).toBe('R-8.3.2:receivedAt:not-in-future');
    expect(rule(() => checkReceivedAt(new Date('2025-05-01T08:00:00Z'), now))).toBe('R-8.3.2:receivedAt:too-old');
    expect(rule(() => checkReceivedAt(new Date('2026-04-01T08:00:00Z'), now))).toBe('none');
  });

  it('extends only with a reason, the complainant\'s agreement, in advance, to a later limit', () => {
    const later = new Date('2026-06-01T08:00:00Z');
    expect(rule(() => decideExtension(complaint(), { newDueAt: later, reason: 'short', complainantAgreement: agreement }, now, '2026-05-10'))).toBe('R-8.3.2:reason:reason-required');
    expect(rule(() => decideExtension(complaint(), { newDueAt: later, reason: 'Waiting for the re-calibration of the reference', complainantAgreement: null }, now, '2026-05-10')))
      .toBe('R-8.3.2:complainantAgreement:complainant-agreement-required');
    expect(rule(() => decideExtension(complaint(), { newDueAt: new Date('2026-05-15T00:00:00Z'), reason: 'Waiting for the re-calibration', complainantAgreement: agreement }, now, '2026-05-10')))
      .toBe('R-8.3.2:newDueAt:later-than-current');
    expect(rule(() => decideExtension(complaint({ dueAt: new Date('2026-05-09T00:00:00Z') }), { newDueAt: later, reason: 'Waiting for the re-calibration', complainantAgreement: agreement }, now, '2026-05-10')))
      .toBe('R-8.3.2:newDueAt:extension-in-advance');
    expect(rule(() => decideExtension(complaint(), { newDueAt: later, reason: 'Waiting for the re-calibration', complainantAgreement: { agreedOn: '2026-05-11', via: 'mail' } }, now, '2026-05-10')))
      .toBe('R-8.3.2:complainantAgreement.agreedOn:not-in-future');
    expect(rule(() => decideExtension(complaint(), { newDueAt: later, reason: 'Waiting for the re-calibration', complainantAgreement: agreement }, now, '2026-05-10'))).toBe('none');
  });

  it('is breached once, when open past the limit', () => {
    expect(newlyBreached(complaint({ dueAt: new Date('2026-05-10T07:59:59Z') }), now)).toBe(true);
    expect(newlyBreached(complaint({ dueAt: new Date('2026-05-10T07:59:59Z'), breachedAt: now }), now)).toBe(false);
    expect(newlyBreached(complaint({ dueAt: new Date('2026-05-10T07:59:59Z'), status: 'closed' }), now)).toBe(false);
    expect(newlyBreached(complaint(), now)).toBe(false);
  });
});

describe('complaint archive (R-8.3.4)', () => {
  it('closes only with a handler and a resolution, and a closed complaint no longer changes', () => {
    expect(rule(() => decideClose(complaint({ handlers: [] }), 'Certificate reissued and explained'))).toBe('R-8.3.4:handlers:handler-required');
    expect(rule(() => decideClose(complaint(), 'ok'))).toBe('R-8.3.4:resolution:resolution-required');
    expect(rule(() => decideClose(complaint({ status: 'closed' }), 'Certificate reissued'))).toBe('R-8.3.4:status:archived');
    expect(rule(() => decideClose(complaint(), 'Certificate reissued and explained'))).toBe('none');
  });
});

describe('complainant confidentiality (R-8.3.3)', () => {
  const supervisor = { subject: 'qs', roles: ['quality-supervisor'] };
  const handler = { subject: 'h1', roles: ['calibrator'] };
  const regulator = { subject: 'reg', roles: ['regulator'] };

  it('shows a confidential complainant to the assigned handlers only', () => {
    const c = complaint({ confidential: true });
    expect(canSeeComplainant(c, handler)).toBe(true);
    expect(canSeeComplainant(c, supervisor)).toBe(false);
    expect(canSeeComplainant(c, regulator)).toBe(false);
  });

  it('shows an ordinary complainant to handlers and quality management, never to regulators', () => {
    const c = complaint();
    expect(canSeeComplainant(c, supervisor)).toBe(true);
    expect(canSeeComplainant(c, regulator)).toBe(false);
    expect(canReadComplaint(c, regulator)).toBe(false);
    expect(canReadComplaint(c, { subject: 'x', roles: ['calibrator'] })).toBe(false);
  });
});
