import { addWorkingDays, calendarOf, isWorkingDay, onOrNextWorkingDay, plainCalendar, workingDaysBetween } from './working-days';

/** The 2026 public holidays and make-up working days of the State Council notice (excerpt). */
const china2026 = calendarOf([
  { day: '2026-01-01', kind: 'holiday' },
  { day: '2026-01-02', kind: 'holiday' },
  { day: '2026-01-03', kind: 'holiday' },
  { day: '2026-01-04', kind: 'working-day' }, // Sunday worked
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((day) => ({
    day,
    kind: 'holiday' as const,
  })),
  { day: '2026-09-27', kind: 'working-day' }, // Sunday worked
  { day: '2026-10-10', kind: 'working-day' }, // Saturday worked
]);

describe('working days (R-6.2.6, R-4.4)', () => {
  describe('isWorkingDay', () => {
    it('treats Monday to Friday as working days and the weekend as rest days', () => {
      expect(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].every((d) => isWorkingDay(d, plainCalendar))).toBe(true);
      expect(isWorkingDay('2026-03-07', plainCalendar)).toBe(false);
      expect(isWorkingDay('2026-03-08', plainCalendar)).toBe(false);
    });

    it('closes the lab on a configured holiday and opens it on a make-up working day', () => {
      expect(isWorkingDay('2026-01-02', china2026)).toBe(false); // a Friday holiday
      expect(isWorkingDay('2026-01-04', china2026)).toBe(true); // a Sunday worked
    });
  });

  describe('addWorkingDays', () => {
    it('does not count the day of acceptance', () => {
      expect(addWorkingDays('2026-03-02', 1, plainCalendar)).toBe('2026-03-03');
      expect(addWorkingDays('2026-03-02', 4, plainCalendar)).toBe('2026-03-06');
    });

    it('skips weekends', () => {
      expect(addWorkingDays('2026-03-05', 2, plainCalendar)).toBe('2026-03-09'); // Thu + 2 = Mon
      expect(addWorkingDays('2026-03-06', 5, plainCalendar)).toBe('2026-03-13'); // Fri + 5 = next Fri
      expect(addWorkingDays('2026-03-07', 1, plainCalendar)).toBe('2026-03-09'); // accepted on a Saturday
    });

    it('skips holidays and counts make-up working days', () => {
      // Wed 2025-12-31: 01-01..01-03 off, Sun 01-04 worked, then Mon 01-05, Tue 01-06.
      expect(addWorkingDays('2025-12-31', 1, china2026)).toBe('2026-01-04');
      expect(addWorkingDays('2025-12-31', 3, china2026)).toBe('2026-01-06');
    });

    it('crosses the year boundary', () => {
      expect(addWorkingDays('2025-12-29', 5, plainCalendar)).toBe('2026-01-05'); // Mon + 5 over New Year's weekend
      expect(addWorkingDays('2026-12-30', 3, plainCalendar)).toBe('2027-01-04');
    });

    it('crosses a week-long holiday with its make-up days', () => {
      // Fri 2026-09-25: Sun 09-27 worked (1), Mon 09-28 (2), Tue 09-29 (3), Wed 09-30 (4),
      // 10-01..10-07 holiday, Thu 10-08 (5), Fri 10-09 (6), Sat 10-10 worked (7), Mon 10-12 (8).
      expect(addWorkingDays('2026-09-25', 8, china2026)).toBe('2026-10-12');
    });

    it('handles 29 February', () => {
      expect(addWorkingDays('2028-02-28', 1, plainCalendar)).toBe('2028-02-29');
      expect(addWorkingDays('2028-02-28', 2, plainCalendar)).toBe('2028-03-01');
    });

    it('with zero days promises the day itself, or the next working day when closed', () => {
      expect(addWorkingDays('2026-03-04', 0, plainCalendar)).toBe('2026-03-04');
      expect(addWorkingDays('2026-10-01', 0, china2026)).toBe('2026-10-08');
    });

    it('refuses negative or fractional days', () => {
      expect(() => addWorkingDays('2026-03-04', -1, plainCalendar)).toThrow(/whole number/);
      expect(() => addWorkingDays('2026-03-04', 1.5, plainCalendar)).toThrow(/whole number/);
    });

    it('stops on a calendar without working days instead of looping forever', () => {
      const closed = { holidays: new Set<string>(), workingDays: new Set<string>() };
      const allHolidays = { ...closed, holidays: { has: () => true } as unknown as ReadonlySet<string> };
      expect(() => onOrNextWorkingDay('2026-01-01', allHolidays)).toThrow(/holiday calendar/);
    });

    it('is consistent with workingDaysBetween for many starts and lengths', () => {
      for (let start = new Date(Date.UTC(2025, 11, 1)); start < new Date(Date.UTC(2026, 1, 1)); start.setUTCDate(start.getUTCDate() + 1)) {
        const day = start.toISOString().slice(0, 10);
        for (const n of [1, 2, 5, 10, 20]) {
          const promised = addWorkingDays(day, n, china2026);
          expect(workingDaysBetween(day, promised, china2026)).toBe(n);
          expect(isWorkingDay(promised, china2026)).toBe(true);
        }
      }
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days after the first date up to and including the second', () => {
      expect(workingDaysBetween('2026-03-06', '2026-03-09', plainCalendar)).toBe(1); // Fri → Mon
      expect(workingDaysBetween('2026-03-02', '2026-03-02', plainCalendar)).toBe(0);
      expect(workingDaysBetween('2026-03-09', '2026-03-02', plainCalendar)).toBe(0);
      expect(workingDaysBetween('2025-12-31', '2026-01-05', china2026)).toBe(2); // 01-04 (worked Sunday), 01-05
    });
  });
});
