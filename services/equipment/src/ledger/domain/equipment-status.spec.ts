import { calibrationValidUntil, deriveStatus, StatusFacts } from './equipment-status';

const facts = (over: Partial<StatusFacts> = {}): StatusFacts => ({
  calibrationRequired: true,
  intervalMonths: 12,
  dueWarningDays: 30,
  lastCalibration: { calibratedOn: '2025-03-10', validUntil: null },
  openSuspensions: [],
  retiredOn: null,
  ...over,
});

describe('derived equipment status', () => {
  it('R-5.3.2 due date is the last day of the interval, or the certificate validity if earlier', () => {
    expect(calibrationValidUntil({ intervalMonths: 12 }, { calibratedOn: '2025-03-10', validUntil: null })).toBe('2026-03-09');
    expect(calibrationValidUntil({ intervalMonths: 12 }, { calibratedOn: '2025-03-10', validUntil: '2025-12-31' })).toBe('2025-12-31');
    expect(calibrationValidUntil({ intervalMonths: null }, { calibratedOn: '2025-03-10', validUntil: '2026-06-30' })).toBe('2026-06-30');
  });

  it('R-5.3.2 moves from in service to due to overdue as the days pass', () => {
    expect(deriveStatus(facts(), '2026-02-06')).toMatchObject({ status: 'in-service', usable: true, dueDate: '2026-03-09' });
    expect(deriveStatus(facts(), '2026-02-07')).toMatchObject({ status: 'due', reason: 'calibration-due-soon', usable: true });
    expect(deriveStatus(facts(), '2026-03-09')).toMatchObject({ status: 'due', usable: true });
    expect(deriveStatus(facts(), '2026-03-10')).toMatchObject({ status: 'overdue', reason: 'calibration-overdue', usable: false });
  });

  it('R-5.3.2 equipment that needs calibration and never had one is overdue', () => {
    expect(deriveStatus(facts({ lastCalibration: null }), '2026-01-01')).toMatchObject({ status: 'overdue', reason: 'never-calibrated', usable: false });
  });

  it('auxiliary equipment not subject to calibration stays in service', () => {
    expect(deriveStatus(facts({ calibrationRequired: false, intervalMonths: null, lastCalibration: null }), '2030-01-01')).toMatchObject({
      status: 'in-service', reason: 'not-subject-to-calibration', dueDate: null,
    });
  });

  it('R-5.5.3 an open suspension outranks the calibration state; out of service and retirement outrank it', () => {
    const suspended = facts({ openSuspensions: [{ kind: 'suspended', reasonCode: 'intermediate-check-failed', startedOn: '2025-06-01' }] });
    expect(deriveStatus(suspended, '2025-06-01')).toMatchObject({ status: 'suspended', reason: 'intermediate-check-failed', usable: false });
    expect(deriveStatus(suspended, '2026-05-01').status).toBe('suspended');
    const both = facts({
      openSuspensions: [
        { kind: 'suspended', reasonCode: 'suspended-by-decision', startedOn: '2025-06-01' },
        { kind: 'out-of-service', reasonCode: 'removed-from-service', startedOn: '2025-07-01' },
      ],
    });
    expect(deriveStatus(both, '2025-07-02').status).toBe('out-of-service');
    expect(deriveStatus({ ...both, retiredOn: '2025-08-01' }, '2025-08-01')).toMatchObject({ status: 'retired', usable: false });
    expect(deriveStatus({ ...both, retiredOn: '2025-08-01' }, '2025-07-31').status).toBe('out-of-service');
  });
});
