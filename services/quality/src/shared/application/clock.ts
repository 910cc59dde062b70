// Age limit, authorisation expiry, complaint time limits and SLA clocks read "now" from here.
export { type Clock, CLOCK, systemClock } from '@calchain/platform';
