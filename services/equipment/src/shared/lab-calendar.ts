import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from './clock';
import { IsoDate, labDate } from './dates';
import { EQUIPMENT_SETTINGS, EquipmentSettings } from './equipment-config';

/** Today and now as the lab sees them: the one place use cases read the time from. */
@Injectable()
export class LabCalendar {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EQUIPMENT_SETTINGS) private readonly settings: EquipmentSettings,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): IsoDate {
    return labDate(this.clock.now(), this.settings.EQUIPMENT_TIME_ZONE);
  }
}
