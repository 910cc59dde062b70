import { IsoDate } from '@calchain/platform/calendar';

const pad = (n: number) => String(n).padStart(2, '0');
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
// Counted, not reached by adding a month and stepping back: the month after December 9999 has no
// four-digit year, and a plan for 9999-Q4 failed with a 500 (found by schemathesis, issue 11).
const lastDay = (year: number, month: number) => [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/** A plan period: a year (2026), a quarter (2026-Q2) or a month (2026-04). */
export function periodBounds(period: string): { start: IsoDate; end: IsoDate } {
  const year = period.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  const month = /^\d{4}-(\d{2})$/.exec(period);
  const [first, last] = quarter ? [(Number(quarter[1]) - 1) * 3 + 1, Number(quarter[1]) * 3] : month ? [Number(month[1]), Number(month[1])] : [1, 12];
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(lastDay(Number(year), last))}` };
}

/**
 * what belongs in a period's calibration plan: equipment whose calibration falls due
 * within the period, and equipment already overdue (or never calibrated) when the plan is made.
 */
export function belongsInPlan(entry: { status: string; dueDate: IsoDate | null; calibrationRequired: boolean; retired: boolean }, bounds: { start: IsoDate; end: IsoDate }): boolean {
  if (!entry.calibrationRequired || entry.retired) return false;
  if (entry.status === 'overdue') return true;
  return entry.dueDate !== null && entry.dueDate <= bounds.end;
}
