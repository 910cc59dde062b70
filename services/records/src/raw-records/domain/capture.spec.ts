import { isViolation, stampObservation } from './capture';

const now = new Date('2026-11-26T08:00:00.000Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000).toISOString();

describe('capture at the time (R-6.3.3)', () => {
  it('stamps every value with the server time; a claimed time within the tolerance is not late', () => {
    expect(stampObservation({}, now, 120, 'mark', 'r')).toEqual({ receivedAt: now.toISOString(), claimedAt: null, late: false, lateReason: null });
    expect(stampObservation({ claimedAt: secondsAgo(60) }, now, 120, 'mark', 'r')).toMatchObject({ late: false, claimedAt: secondsAgo(60) });
  });

  it('R-6.3.3 refuses a late value without a reason, and marks it late for good with one', () => {
    const refused = stampObservation({ claimedAt: secondsAgo(3600) }, now, 120, 'mark', 'readings.0');
    expect(isViolation(refused) && refused).toMatchObject({ requirement: 'R-6.3.3', field: 'readings.0.lateReason', rule: 'late-needs-reason' });
    expect(stampObservation({ claimedAt: secondsAgo(3600), lateReason: 'network outage in room 101' }, now, 120, 'mark', 'r')).toMatchObject({
      late: true, lateReason: 'network outage in room 101', receivedAt: now.toISOString(),
    });
  });

  it('R-6.3.3 refuses late values outright under the refuse policy, and values claimed in the future', () => {
    expect(stampObservation({ claimedAt: secondsAgo(3600), lateReason: 'network outage' }, now, 120, 'refuse', 'r')).toMatchObject({ rule: 'recorded-when-generated' });
    expect(stampObservation({ claimedAt: secondsAgo(-600) }, now, 120, 'mark', 'r')).toMatchObject({ rule: 'not-in-future' });
  });
});
