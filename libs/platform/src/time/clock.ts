/**
 * A service's one source of "now" for rules that depend on it (promised dates and breaches,
 * due and overdue equipment, authorisation expiry, complaint time limits, reading timestamps).
 * Injected under CLOCK, so tests and replays move time deliberately instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

const DAY_MS = 86_400_000;

/** The system clock moved by whole days (a service's *_CLOCK_OFFSET_DAYS setting, tests only). */
export function offsetClock(days: number): Clock {
  return days === 0 ? systemClock : { now: () => new Date(Date.now() + days * DAY_MS) };
}

/** A clock tests set and advance. */
export class ControllableClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * DAY_MS);
  }
}
