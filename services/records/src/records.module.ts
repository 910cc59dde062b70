import { DynamicModule, Module } from '@nestjs/common';
import { ApiDocsModule, PlatformModule, ServiceConfig, provideLabCalendar, TenantTransactions } from '@calchain/platform';
import { recordsTopics } from '@calchain/contracts';
import { ChainController } from './chain/api/chain.controller';
import { ChainService } from './chain/application/chain-service';
import { ChainRegulatorSummaryController } from './chain/api/regulator-summary.controller';
import { ChainRegulatorSummary } from './chain/application/regulator-summary';
import { Journals } from './chain/application/journal';
import { recordsPersistence } from './infrastructure/persistence';
import { RawRecordsController } from './raw-records/api/raw-records.controller';
import { RawRecordQueries } from './raw-records/application/raw-record-queries';
import { RecordCommands } from './raw-records/application/record-commands';
import { WorkOrderCreatedHandler } from './raw-records/infrastructure/work-order-created.handler';
import { WorkOrderDispatchedHandler } from './raw-records/infrastructure/work-order-dispatched.handler';
import { referenceHandlers } from './reference/infrastructure/reference-handlers';
import { RetentionController } from './retention/api/retention.controller';
import { RetentionService } from './retention/application/retention-service';
import { RecordsBusinessMetrics } from './infrastructure/business-metrics';
import { Clock, CLOCK, systemClock } from './shared/clock';
import { loadRecordsSettings, RECORDS_SETTINGS, RecordsSettings } from './shared/records-config';

export interface RecordsModuleOptions {
  /** Tests pass a controllable clock; production uses the system clock. */
  clock?: Clock;
  settings?: Partial<RecordsSettings>;
}

const eventHandlers = [WorkOrderCreatedHandler, WorkOrderDispatchedHandler, ...referenceHandlers];

/**
 * The records service (issue 6; .x, R-5.1.4, R-5.4.4, R-7.2, R-7.3, R-8.2): raw records as
 * hash-chained journals, opening bound to method/standards/equipment/person/room, capture at the
 * time, corrections as versions, results with uncertainty and the BMC check, review and approval,
 * suspicious data, environment, retention and search.
 */
@Module({})
export class RecordsModule {
  static register(config: ServiceConfig, options: RecordsModuleOptions = {}): DynamicModule {
    const settings = { ...loadRecordsSettings(), ...options.settings };
    return {
      module: RecordsModule,
      imports: [
        PlatformModule.forRoot({ config, ...recordsPersistence, eventHandlers, producesTo: recordsTopics }),
        ApiDocsModule.forService({
          title: 'CalChain records service',
          description:
            'Raw records of calibration and verification as hash-chained journals: opening bound to method, standards, equipment, ' +
            'person and room, readings captured at the time, corrections as versions, results with uncertainty and the BMC check, ' +
            'review and approval, suspicious data, environment, retention and destruction (R-6.3, R-5.1.4, R-5.4, R-6.2.3, R-7.2, R-7.3, R-8.2).',
        }),
      ],
      controllers: [RawRecordsController, ChainController, RetentionController, ChainRegulatorSummaryController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: RECORDS_SETTINGS, useValue: settings },
        provideLabCalendar(RECORDS_SETTINGS, (s: RecordsSettings) => s.RECORDS_TIME_ZONE),
        TenantTransactions,
        Journals,
        RawRecordQueries,
        RecordCommands,
        ChainService,
        ChainRegulatorSummary,
        RetentionService,
        RecordsBusinessMetrics,
        ...eventHandlers,
      ],
    };
  }
}
