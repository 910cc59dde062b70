import { addDays, IsoDate, weekday } from '@calchain/platform/calendar';

/**
 * The institution's working calendar (R-6.2.6, R-4.4: time limits are published in working days).
 * Saturdays and Sundays are rest days; `holidays` are public holidays on any day; `workingDays`
 * are rest days made working days (调休, e.g. a Sunday worked before a long holiday).
 */
export interface WorkingCalendar {
  readonly holidays: ReadonlySet<IsoDate>;
  readonly workingDays: ReadonlySet<IsoDate>;
}

export const plainCalendar: WorkingCalendar = { holidays: new Set(), workingDays: new Set() };

export function calendarOf(days: { day: IsoDate; kind: 'holiday' | 'working-day' }[]): WorkingCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workingDays: new Set(days.filter((d) => d.kind === 'working-day').map((d) => d.day)),
  };
}

/** Ten years of consecutive rest days means a broken calendar, not a long holiday. */
const SEARCH_LIMIT_DAYS = 3660;

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  if (calendar.workingDays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/** The first working day on or after `date`. */
export function onOrNextWorkingDay(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  let day = date;
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++, day = addDays(day, 1)) if (isWorkingDay(day, calendar)) return day;
  throw new Error(`no working day within ${SEARCH_LIMIT_DAYS} days of ${date}: check the holiday calendar`);
}

/**
 * the promised date of a time limit of `workingDays` counted from `start`: the day of
 * acceptance does not count ("within N working days of acceptance"), so the result is the N-th
 * working day after `start`. With N = 0 it is `start` itself, or the next working day when the
 * lab is closed on `start`.
 */
export function addWorkingDays(start: IsoDate, workingDays: number, calendar: WorkingCalendar): IsoDate {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new Error(`working days must be a whole number >= 0, got ${workingDays}`);
  if (workingDays === 0) return onOrNextWorkingDay(start, calendar);
  let day = start;
  let counted = 0;
  for (let i = 0; i < SEARCH_LIMIT_DAYS * Math.max(1, Math.ceil(workingDays / 200)); i++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar) && ++counted === workingDays) return day;
  }
  throw new Error(`no ${workingDays} working days after ${start}: check the holiday calendar`);
}

/** The number of working days d with from < d <= to; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
  return count;
}
