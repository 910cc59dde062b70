import { DynamicModule, Global, Module } from '@nestjs/common';
import { QUALITY_CONFIG, QualityConfig } from '../config/quality-config';
import { Clock, CLOCK } from './application/clock';
import { LabTime } from './application/lab-time';
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
        LabTime,
        UnitOfWork,
      ],
      exports: [QUALITY_CONFIG, CLOCK, PERSONAL_DATA_PROTECTOR, LabTime, UnitOfWork],
    };
  }
}
