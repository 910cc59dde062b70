import { ServiceDataSourceSpec } from '@calchain/platform';
import { WorkOrderEntity, WorkOrderItemEntity } from '../work-orders/infrastructure/work-order.entity';
import { WorkOrders1764100000100 } from './migrations/1764100000100-work-orders';
import { Contracts1764100000200 } from './migrations/1764100000200-contracts';
import { CapabilityReadModel1764100000300 } from './migrations/1764100000300-capability-read-model';
import { TimeLimits1764100000400 } from './migrations/1764100000400-time-limits';
import { WorkOrderDispatch1764100000500 } from './migrations/1764100000500-work-order-dispatch';
import { ItemHandling1764100000600 } from './migrations/1764100000600-item-handling';
import { OnSiteJobs1764100000700 } from './migrations/1764100000700-on-site-jobs';
import { CustomerScope1764100000900 } from './migrations/1764100000900-customer-scope';
import { RequestedReport1764100001000 } from './migrations/1764100001000-requested-report';

export const intakePersistence: ServiceDataSourceSpec = {
  entities: [WorkOrderEntity, WorkOrderItemEntity],
  migrations: [
    WorkOrders1764100000100,
    Contracts1764100000200,
    CapabilityReadModel1764100000300,
    TimeLimits1764100000400,
    WorkOrderDispatch1764100000500,
    ItemHandling1764100000600,
    OnSiteJobs1764100000700,
    CustomerScope1764100000900,
    RequestedReport1764100001000,
  ],
};
