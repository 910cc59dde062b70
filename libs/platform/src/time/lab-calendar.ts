import { FactoryProvider, InjectionToken } from '@nestjs/common';
import { IsoDate, labDate } from '../calendar/lab-calendar';
import { Clock, CLOCK } from './clock';

/**
 * Now and today as the lab sees them: the one place use cases read the time from, so a
 * day is the lab's day (a certificate valid "until 2026-03-31" ends at the lab's midnight, not UTC's).
 */
export class LabCalendar {
  constructor(
    private readonly clock: Clock,
    readonly timeZone: string,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): IsoDate {
    return labDate(this.clock.now(), this.timeZone);
  }

  dayOf(instant: Date): IsoDate {
    return labDate(instant, this.timeZone);
  }
}

/** Provides LabCalendar from the service's CLOCK and the time zone in its settings. */
export function provideLabCalendar<S>(settings: InjectionToken, timeZone: (s: S) => string): FactoryProvider<LabCalendar> {
  return { provide: LabCalendar, useFactory: (clock: Clock, s: S) => new LabCalendar(clock, timeZone(s)), inject: [CLOCK, settings] };
}
