import { Inject, Injectable } from '@nestjs/common';
import { QUALITY_CONFIG, QualityConfig } from '../../config/quality-config';
import { dayIn, IsoDate } from '../domain/calendar';
import { Clock, CLOCK } from './clock';

/** "Now" and "today" in the labs' calendar, from the injected clock. */
@Injectable()
export class LabTime {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(QUALITY_CONFIG) private readonly config: QualityConfig,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): IsoDate {
    return dayIn(this.clock.now(), this.config.QUALITY_TIME_ZONE);
  }
}
