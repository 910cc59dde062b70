/**
 * Days in the lab's calendar as ISO dates (YYYY-MM-DD), years 0001–9999 — the range the API
 * accepts and PostgreSQL's `date` stores. Time limits, validity, due dates and retention are whole
 * days, and such strings compare correctly as text.
 *
 * One implementation for every service: `Date.UTC(y, …)` reads years 0–99 as 1900–1999 and
 * `toISOString()` writes years past 9999 as "+010000-…", so a copy built on them dated a
 * personnel authorisation of year 0050 in 1950 and handed "+010000-01" to the database.
 */
export type IsoDate = string;

/** A date before 0001-01-01 or after 9999-12-31 came out of date arithmetic. */
export class CalendarRangeError extends RangeError {
  constructor(readonly value: string) {
    super(`${value} lies outside the calendar 0001-01-01 … 9999-12-31`);
    this.name = 'CalendarRangeError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Midnight UTC of y-m-d, with day and month overflow carried as the Gregorian calendar does. */
function utc(y: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(y, monthIndex, day); // unlike Date.UTC, years 0–99 stay themselves
  return d;
}

function format(d: Date): IsoDate {
  const y = d.getUTCFullYear();
  const text = `${y < 0 ? '-' : ''}${pad(Math.abs(y), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  if (y < 1 || y > 9999) throw new CalendarRangeError(text);
  return text;
}

function parts(date: IsoDate): [number, number, number] {
  if (!isValidIsoDate(date)) throw new Error(`not an ISO date: ${date}`);
  const m = ISO_DATE.exec(date)!;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** A real calendar day, YYYY-MM-DD, year 0001–9999 (no 2025-02-30). */
export function isValidIsoDate(date: string): boolean {
  const m = ISO_DATE.exec(date);
  if (!m || m[1] === '0000') return false;
  const d = utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The calendar day of an instant in a time zone: the lab's "today". */
export function labDate(instant: Date, timeZone: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return format(utc(y, m - 1, d + days));
}

/** Calendar months; the 31st plus one month is the last day of the shorter month, never its overflow. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const first = utc(y, m - 1 + months, 1);
  const lastDay = utc(first.getUTCFullYear(), first.getUTCMonth() + 1, 0).getUTCDate();
  return format(utc(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)));
}

/** The anniversary `years` later; 29 February falls back to 28 February in common years. */
export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return utc(y, m - 1, d).getUTCDay();
}

/** The earlier of two days; an absent day (null) is no bound. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate;
export function minDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null;
export function minDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  return a === null ? b : b === null ? a : a <= b ? a : b;
}

/** The later of two days; an absent day (null) is no bound. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate;
export function maxDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null;
export function maxDate(a: IsoDate | null, b: IsoDate | null): IsoDate | null {
  return a === null ? b : b === null ? a : a >= b ? a : b;
}
