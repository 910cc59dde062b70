import { Inject, Injectable } from '@nestjs/common';
import { dayIn, IsoDate } from '../domain/calendar';
import { INTAKE_SETTINGS, IntakeSettings } from '../intake-settings';
import { Clock, CLOCK } from './clock';

/** "Now" and "today" in the lab's calendar, from the injected clock. */
@Injectable()
export class LabTime {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): IsoDate {
    return dayIn(this.clock.now(), this.settings.INTAKE_TIME_ZONE);
  }
}
