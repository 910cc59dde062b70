// Promised dates, breaches, and validity of scope and standards are judged against this clock.
export { type Clock, CLOCK, systemClock, offsetClock } from '@calchain/platform';
