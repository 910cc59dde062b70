// Readings are stamped with this clock, so tests can move time deliberately.
export { type Clock, CLOCK, systemClock, ControllableClock } from '@calchain/platform';
