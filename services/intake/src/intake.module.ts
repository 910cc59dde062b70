import { DynamicModule, Module } from '@nestjs/common';
import { intakeTopics } from '@calchain/contracts';
import { ApiDocsModule, PlatformModule, ServiceConfig } from '@calchain/platform';
import { CapabilityModule } from './capability/capability.module';
import { capabilityHandlers } from './capability/infrastructure/capability-handlers';
import { ContractsModule } from './contracts/contracts.module';
import { CustomersModule } from './customers/customers.module';
import { intakePersistence } from './infrastructure/persistence';
import { intakeBusinessMetrics } from './infrastructure/business-metrics';
import { ItemHandlingModule } from './item-handling/item-handling.module';
import { OnSiteModule } from './on-site/on-site.module';
import { loadIntakeSettings } from './shared/intake-settings';
import { SharedModule } from './shared/shared.module';
import { TimeLimitsModule } from './time-limits/time-limits.module';
import { progressHandlers } from './work-orders/infrastructure/progress-handlers';
import { WorkOrdersModule } from './work-orders/work-orders.module';

/**
 * The intake service (R-6.1, R-6.2, fees and time limits of ): customers, contracts and their
 * reviews against a capability read model fed by equipment and quality events, work orders and
 * dispatch, time-limit promises.
 */
@Module({})
export class IntakeModule {
  static register(config: ServiceConfig): DynamicModule {
    const settings = loadIntakeSettings(process.env);
    return {
      module: IntakeModule,
      imports: [
        PlatformModule.forRoot({ config, ...intakePersistence, eventHandlers: [...capabilityHandlers, ...progressHandlers], producesTo: intakeTopics }),
        SharedModule.register(settings),
        ApiDocsModule.forService({
          title: 'CalChain intake service',
          description:
            'Customers, contracts and their capability review, work orders and dispatch, item intake and return, on-site jobs, ' +
            'time-limit promises and the published fee schedule (R-6.1, R-6.2, R-4.4, R-7.1.1).',
        }),
        CustomersModule,
        CapabilityModule,
        TimeLimitsModule,
        WorkOrdersModule,
        ContractsModule,
        ItemHandlingModule,
        OnSiteModule,
      ],
      providers: [intakeBusinessMetrics],
    };
  }
}
