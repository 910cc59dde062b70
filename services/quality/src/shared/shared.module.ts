import { DynamicModule, Global, Module } from '@nestjs/common';
import { LabCalendar, provideLabCalendar } from '@calchain/platform';
import { QUALITY_CONFIG, QualityConfig } from '../config/quality-config';
import { Clock, CLOCK } from './application/clock';
import { UnitOfWork } from './application/unit-of-work';
import { PERSONAL_DATA_PROTECTOR, PersonalDataProtector } from './infrastructure/personal-data-protector';

/** What every bounded context of the service shares: configuration, clock, transactions, data protection. */
@Global()
@Module({})
export class SharedModule {
  static register(config: QualityConfig, clock: Clock): DynamicModule {
    return {
      module: SharedModule,
      providers: [
        { provide: QUALITY_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: PERSONAL_DATA_PROTECTOR, useValue: new PersonalDataProtector(config.QUALITY_DATA_KEY) },
        provideLabCalendar(QUALITY_CONFIG, (c: QualityConfig) => c.QUALITY_TIME_ZONE),
        UnitOfWork,
      ],
      exports: [QUALITY_CONFIG, CLOCK, PERSONAL_DATA_PROTECTOR, LabCalendar, UnitOfWork],
    };
  }
}
