import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, ServiceConfig } from '@calchain/platform';
import { recordsPersistence } from './infrastructure/persistence';
import { WorkOrderCreatedHandler } from './raw-records/infrastructure/work-order-created.handler';
import { RawRecordsModule } from './raw-records/raw-records.module';

@Module({})
export class RecordsModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: RecordsModule,
      imports: [PlatformModule.forRoot({ config, ...recordsPersistence, eventHandlers: [WorkOrderCreatedHandler] }), RawRecordsModule],
    };
  }
}
