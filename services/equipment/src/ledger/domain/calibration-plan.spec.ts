import { belongsInPlan, periodBounds } from './calibration-plan';

describe('calibration plan periods', () => {
  it('R-5.3.2 reads years, quarters and months', () => {
    expect(periodBounds('2026')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(periodBounds('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodBounds('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodBounds('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodBounds('2100-Q1')).toEqual({ start: '2100-01-01', end: '2100-03-31' });
    expect(periodBounds('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
  });

  it('reaches the last day of year 9999 without leaving four-digit years', () => {
    expect(periodBounds('9999-Q4')).toEqual({ start: '9999-10-01', end: '9999-12-31' });
    expect(periodBounds('9999-12')).toEqual({ start: '9999-12-01', end: '9999-12-31' });
    expect(periodBounds('0001')).toEqual({ start: '0001-01-01', end: '0001-12-31' });
  });

  it('R-5.3.2 plans what falls due in the period and what is overdue already', () => {
    const q2 = periodBounds('2026-Q2');
    const e = { status: 'in-service', dueDate: '2026-05-10', calibrationRequired: true, retired: false };
    expect(belongsInPlan(e, q2)).toBe(true);
    expect(belongsInPlan({ ...e, dueDate: '2026-07-01' }, q2)).toBe(false);
    expect(belongsInPlan({ ...e, status: 'overdue', dueDate: null }, q2)).toBe(true);
    expect(belongsInPlan({ ...e, calibrationRequired: false }, q2)).toBe(false);
  });
});
