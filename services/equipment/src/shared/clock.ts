// Due, overdue and certificate validity are computed against this clock, never stored by hand.
export { type Clock, CLOCK, systemClock, ControllableClock } from '@calchain/platform';
