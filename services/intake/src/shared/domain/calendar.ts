/**
 * Days in the lab's calendar as ISO dates (YYYY-MM-DD). Time limits, promised dates and validity
 * are whole days: comparing the strings compares the days.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const format = (d: Date): IsoDate => d.toISOString().slice(0, 10);

export function isValidIsoDate(date: string): boolean {
  const m = ISO_DATE.exec(date);
  if (!m) return false;
  return format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) === date;
}

/** The calendar day of an instant in a time zone (the lab's "today"). */
export function dayIn(instant: Date, timeZone: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);
export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
