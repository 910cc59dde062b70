import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, ServiceConfig } from '@calchain/platform';
import { Topics } from '@calchain/contracts';
import { intakePersistence } from './infrastructure/persistence';
import { WorkOrdersModule } from './work-orders/work-orders.module';

@Module({})
export class IntakeModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [PlatformModule.forRoot({ config, ...intakePersistence, producesTo: [Topics.intakeWorkOrders] }), WorkOrdersModule],
    };
  }
}
