import { addDays, IsoDate } from '@calchain/platform/calendar';
import { RuleCheck } from '../../shared/domain/rule-violation';
import { addWorkingDays, WorkingCalendar, workingDaysBetween } from './working-days';

export type ServiceKind = 'calibration' | 'verification';

/** One row of the published time-limit table: per service type and discipline. */
export interface TimeLimitEntry {
  serviceKind: ServiceKind;
  discipline: string;
  workingDays: number;
}

export function findTimeLimit(table: TimeLimitEntry[], serviceKind: ServiceKind, discipline: string): TimeLimitEntry | null {
  return table.find((e) => e.serviceKind === serviceKind && e.discipline === discipline) ?? null;
}

/** the date promised at acceptance: the published time limit counted in working days. */
export function promisedDate(acceptedOn: IsoDate, entry: TimeLimitEntry, calendar: WorkingCalendar): IsoDate {
  return addWorkingDays(acceptedOn, entry.workingDays, calendar);
}

export type ClockState = 'running' | 'at-risk' | 'breached' | 'met' | 'late';

export interface PromiseClock {
  promisedDate: IsoDate;
  completedOn: IsoDate | null;
}

export interface ClockReading {
  state: ClockState;
  /** Working days after today up to the promised date (0 on the day itself and after it). */
  workingDaysLeft: number;
  /** Working days after the promised date up to today (0 until breached). */
  workingDaysOverdue: number;
}

/**
 * the clock of one item: breached once the lab's today is after the promised date and
 * the item is not done; at risk while at most `atRiskWorkingDays` working days are left; met or
 * late once done.
 */
export function readClock(promise: PromiseClock, today: IsoDate, calendar: WorkingCalendar, atRiskWorkingDays: number): ClockReading {
  if (promise.completedOn) {
    const late = promise.completedOn > promise.promisedDate;
    return {
      state: late ? 'late' : 'met',
      workingDaysLeft: 0,
      workingDaysOverdue: late ? workingDaysBetween(promise.promisedDate, promise.completedOn, calendar) : 0,
    };
  }
  if (today > promise.promisedDate) {
    return { state: 'breached', workingDaysLeft: 0, workingDaysOverdue: Math.max(1, workingDaysBetween(promise.promisedDate, today, calendar)) };
  }
  const left = workingDaysBetween(today, promise.promisedDate, calendar);
  return { state: left <= atRiskWorkingDays ? 'at-risk' : 'running', workingDaysLeft: left, workingDaysOverdue: 0 };
}

/** What the sweep must announce for a clock it last announced as `announced` (each state once). */
export function announcementFor(reading: ClockReading, announced: ClockState): 'at-risk' | 'breached' | null {
  if (reading.state === 'breached' && announced !== 'breached') return 'breached';
  if (reading.state === 'at-risk' && announced === 'running') return 'at-risk';
  return null;
}

/** a published document (fee schedule, time-limit table) and when it was last checked. */
export interface DisclosureReview {
  lastReviewedOn: IsoDate | null;
  reviewIntervalDays: number;
}

/** overdue-review alarm: never reviewed, or the interval since the last review has passed. */
export function reviewOverdue(review: DisclosureReview, today: IsoDate): boolean {
  return review.lastReviewedOn === null || addDays(review.lastReviewedOn, review.reviewIntervalDays) < today;
}

export function nextReviewDue(review: DisclosureReview): IsoDate | null {
  return review.lastReviewedOn === null ? null : addDays(review.lastReviewedOn, review.reviewIntervalDays);
}

/** a review date is a fact of the past: never in the future, never before the previous one. */
export function checkReviewDate(reviewedOn: IsoDate, previous: IsoDate | null, today: IsoDate): void {
  new RuleCheck()
    .require(reviewedOn <= today, 'R-4.4', 'reviewedOn', 'not-in-future', `review date ${reviewedOn} is after today (${today})`)
    .require(previous === null || reviewedOn >= previous, 'R-4.4', 'reviewedOn', 'not-before-previous', `review date ${reviewedOn} is before the last review (${previous})`)
    .throwIfBroken();
}
