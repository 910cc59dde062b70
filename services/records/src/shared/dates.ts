/** A calendar date as the lab writes it, YYYY-MM-DD; such strings compare correctly as text. */
export type IsoDate = string;

/** The day of an instant in the lab's own calendar. */
export function labDate(instant: Date, timeZone: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Calendar years; 29 February plus one year is 28 February. */
export function addYears(date: IsoDate, years: number): IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
