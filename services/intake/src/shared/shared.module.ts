import { DynamicModule, Global, Module } from '@nestjs/common';
import { LabCalendar, provideLabCalendar } from '@calchain/platform';
import { CLOCK, offsetClock } from './application/clock';
import { INTAKE_SETTINGS, IntakeSettings } from './intake-settings';

/** Settings, clock and the lab's calendar day, for every bounded context of intake. */
@Global()
@Module({})
export class SharedModule {
  static register(settings: IntakeSettings): DynamicModule {
    return {
      module: SharedModule,
      providers: [{ provide: INTAKE_SETTINGS, useValue: settings }, { provide: CLOCK, useValue: offsetClock(settings.INTAKE_CLOCK_OFFSET_DAYS) },
        provideLabCalendar(INTAKE_SETTINGS, (s: IntakeSettings) => s.INTAKE_TIME_ZONE)],
      exports: [INTAKE_SETTINGS, CLOCK, LabCalendar],
    };
  }
}
