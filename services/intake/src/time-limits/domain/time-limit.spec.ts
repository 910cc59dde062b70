import { RuleViolation } from '../../shared/domain/rule-violation';
import {
  announcementFor, checkReviewDate, findTimeLimit, nextReviewDue, promisedDate, readClock, reviewOverdue, TimeLimitEntry,
} from './time-limit';
import { calendarOf, plainCalendar } from './working-days';

const table: TimeLimitEntry[] = [
  { serviceKind: 'calibration', discipline: 'length', workingDays: 5 },
  { serviceKind: 'verification', discipline: 'length', workingDays: 3 },
];

describe('time-limit promises (R-6.2.6)', () => {
  it('finds the published time limit per service type and discipline', () => {
    expect(findTimeLimit(table, 'verification', 'length')?.workingDays).toBe(3);
    expect(findTimeLimit(table, 'calibration', 'mass')).toBeNull();
  });

  it('promises the acceptance day plus the time limit in working days, across weekend and holiday', () => {
    const calendar = calendarOf([{ day: '2026-05-01', kind: 'holiday' }]);
    // Wed 04-29 + 5: Thu 30, (Fri 05-01 holiday), Mon 05-04, Tue 05, Wed 06, Thu 07.
    expect(promisedDate('2026-04-29', table[0], calendar)).toBe('2026-05-07');
  });

  describe('clock', () => {
    const promise = { promisedDate: '2026-03-13', completedOn: null }; // a Friday

    it('runs while enough working days are left', () => {
      expect(readClock(promise, '2026-03-09', plainCalendar, 1)).toEqual({ state: 'running', workingDaysLeft: 4, workingDaysOverdue: 0 });
    });

    it('is at risk with at most the configured working days left, and on the day itself', () => {
      expect(readClock(promise, '2026-03-12', plainCalendar, 1).state).toBe('at-risk');
      expect(readClock(promise, '2026-03-13', plainCalendar, 1)).toEqual({ state: 'at-risk', workingDaysLeft: 0, workingDaysOverdue: 0 });
      expect(readClock(promise, '2026-03-11', plainCalendar, 1).state).toBe('running');
    });

    it('is breached the day after the promised date, counting overdue working days', () => {
      expect(readClock(promise, '2026-03-14', plainCalendar, 1)).toEqual({ state: 'breached', workingDaysLeft: 0, workingDaysOverdue: 1 });
      expect(readClock(promise, '2026-03-17', plainCalendar, 1).workingDaysOverdue).toBe(2);
    });

    it('stops when the item is done: met on time, late after the promised date', () => {
      expect(readClock({ ...promise, completedOn: '2026-03-13' }, '2026-04-01', plainCalendar, 1).state).toBe('met');
      expect(readClock({ ...promise, completedOn: '2026-03-16' }, '2026-04-01', plainCalendar, 1)).toEqual({
        state: 'late', workingDaysLeft: 0, workingDaysOverdue: 1,
      });
    });

    it('announces at-risk and breached once each', () => {
      const atRisk = readClock(promise, '2026-03-12', plainCalendar, 1);
      const breached = readClock(promise, '2026-03-16', plainCalendar, 1);
      expect(announcementFor(atRisk, 'running')).toBe('at-risk');
      expect(announcementFor(atRisk, 'at-risk')).toBeNull();
      expect(announcementFor(breached, 'at-risk')).toBe('breached');
      expect(announcementFor(breached, 'running')).toBe('breached');
      expect(announcementFor(breached, 'breached')).toBeNull();
    });
  });
});

describe('published documents and their review (R-4.4)', () => {
  it('raises the overdue-review alarm when never reviewed or past the interval', () => {
    expect(reviewOverdue({ lastReviewedOn: null, reviewIntervalDays: 365 }, '2026-01-01')).toBe(true);
    expect(reviewOverdue({ lastReviewedOn: '2025-01-01', reviewIntervalDays: 365 }, '2026-01-01')).toBe(false);
    expect(reviewOverdue({ lastReviewedOn: '2025-01-01', reviewIntervalDays: 365 }, '2026-01-02')).toBe(true);
    expect(nextReviewDue({ lastReviewedOn: '2025-01-01', reviewIntervalDays: 365 })).toBe('2026-01-01');
  });

  it('refuses a review date in the future or before the last one, citing R-4.4', () => {
    expect(() => checkReviewDate('2026-02-01', null, '2026-01-01')).toThrow(RuleViolation);
    expect(() => checkReviewDate('2025-06-01', '2025-07-01', '2026-01-01')).toThrow(/R-4.4/);
    expect(() => checkReviewDate('2025-08-01', '2025-07-01', '2026-01-01')).not.toThrow();
  });
});
