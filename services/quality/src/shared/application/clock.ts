/**
 * The one source of "now" for rules that depend on it (age limit, authorisation expiry, complaint
 * time limits, SLA clocks). Injected, so tests can move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
