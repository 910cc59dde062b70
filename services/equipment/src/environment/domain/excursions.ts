import { Dec } from '@calchain/metrology';
import { EnvironmentalLimit } from './quantities';

/** Where live excursion detection stands for one room and quantity. */
export interface MonitorState {
  lastAt: Date | null;
  open: { id: string; startedAt: Date; worstValue: string } | null;
}

export interface TimedReading {
  at: Date;
  value: string;
  deviceId: string;
}

export interface ExcursionChanges {
  state: MonitorState;
  started: { id: string; startedAt: Date; value: string; deviceId: string }[];
  ended: { id: string; startedAt: Date; endedAt: Date; worstValue: string }[];
  /** The open excursion's worst value, when it grew worse without ending. */
  worsened: { id: string; worstValue: string } | null;
}

/** How far a value lies outside the limit (0 inside; limits are inclusive, as the method states them). */
export function distanceOutside(value: string, limit: Pick<EnvironmentalLimit, 'lower' | 'upper'>): Dec {
  const v = new Dec(value);
  if (limit.lower !== null && v.lessThan(limit.lower)) return new Dec(limit.lower).minus(v);
  if (limit.upper !== null && v.greaterThan(limit.upper)) return v.minus(limit.upper);
  return new Dec(0);
}

/**
 * live excursion detection: readings newer than the last one evaluated are walked in time
 * order; leaving the limits starts an excursion, coming back ends it. Readings that arrive late
 * (older than the last evaluated) are stored and count in every condition query, but do not
 * rewrite the live excursion history.
 */
export function detectExcursions(
  limit: Pick<EnvironmentalLimit, 'lower' | 'upper'> | undefined,
  state: MonitorState,
  readings: TimedReading[],
  newId: () => string,
): ExcursionChanges {
  const fresh = readings.filter((r) => state.lastAt === null || r.at > state.lastAt).sort((a, b) => a.at.getTime() - b.at.getTime());
  const started: ExcursionChanges['started'] = [];
  const ended: ExcursionChanges['ended'] = [];
  let open = state.open ? { ...state.open } : null;
  let worsened = false;
  for (const r of fresh) {
    const outside = limit ? distanceOutside(r.value, limit) : new Dec(0);
    if (outside.greaterThan(0)) {
      if (!open) {
        open = { id: newId(), startedAt: r.at, worstValue: r.value };
        started.push({ id: open.id, startedAt: r.at, value: r.value, deviceId: r.deviceId });
      } else if (outside.greaterThan(distanceOutside(open.worstValue, limit!))) {
        open.worstValue = r.value;
        worsened = true;
      }
    } else if (open) {
      ended.push({ id: open.id, startedAt: open.startedAt, endedAt: r.at, worstValue: open.worstValue });
      open = null;
      worsened = false;
    }
  }
  const lastAt = fresh.length ? fresh[fresh.length - 1].at : state.lastAt;
  return { state: { lastAt, open }, started, ended, worsened: open && worsened ? { id: open.id, worstValue: open.worstValue } : null };
}
