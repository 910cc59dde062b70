/** A calendar date as the lab writes it, YYYY-MM-DD; such strings compare correctly as text. */
export type IsoDate = string;

/** Today in the lab's own calendar (a certificate valid "until 2026-03-31" ends at the lab's midnight). */
export function labDate(instant: Date, timeZone: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const parse = (date: IsoDate): Date => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
};
const format = (d: Date): IsoDate => d.toISOString().slice(0, 10);

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** Calendar months; the 31st plus one month is the last day of the shorter month, never its overflow. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return format(d);
}

export const minDate = (a: IsoDate | null, b: IsoDate | null): IsoDate | null => (a === null ? b : b === null ? a : a < b ? a : b);
