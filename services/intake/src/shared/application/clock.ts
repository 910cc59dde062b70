/**
 * The one source of "now" for rules that depend on it (promised dates, breaches, validity of scope
 * and standards). Injected, so tests move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** The system clock moved by whole days (INTAKE_CLOCK_OFFSET_DAYS, tests only). */
export function offsetClock(days: number): Clock {
  return days === 0 ? systemClock : { now: () => new Date(Date.now() + days * 86_400_000) };
}

/** A clock tests set and advance. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}
