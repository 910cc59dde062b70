import { addDays, addMonths, IsoDate } from '../../shared/dates';

/** A plan period: a year (2026), a quarter (2026-Q2) or a month (2026-04). */
export function periodBounds(period: string): { start: IsoDate; end: IsoDate } {
  const year = period.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) {
    const start = `${year}-${String((Number(quarter[1]) - 1) * 3 + 1).padStart(2, '0')}-01`;
    return { start, end: addDays(addMonths(start, 3), -1) };
  }
  if (/^\d{4}-\d{2}$/.test(period)) return { start: `${period}-01`, end: addDays(addMonths(`${period}-01`, 1), -1) };
  return { start: `${year}-01-01`, end: `${year}-12-31` };
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
