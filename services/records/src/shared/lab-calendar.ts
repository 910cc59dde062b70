import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from './clock';
import { IsoDate, labDate } from './dates';
import { RECORDS_SETTINGS, RecordsSettings } from './records-config';

/** Now and today as the lab sees them: the one place use cases read the time from. */
@Injectable()
export class LabCalendar {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RECORDS_SETTINGS) private readonly settings: RecordsSettings,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): IsoDate {
    return labDate(this.clock.now(), this.settings.RECORDS_TIME_ZONE);
  }

  dayOf(instant: Date): IsoDate {
    return labDate(instant, this.settings.RECORDS_TIME_ZONE);
  }
}
