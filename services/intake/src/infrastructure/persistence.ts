import { ServiceDataSourceSpec } from '@calchain/platform';
import { WorkOrderEntity, WorkOrderItemEntity } from '../work-orders/infrastructure/work-order.entity';
import { WorkOrders1764100000100 } from './migrations/1764100000100-work-orders';

export const intakePersistence: ServiceDataSourceSpec = {
  entities: [WorkOrderEntity, WorkOrderItemEntity],
  migrations: [WorkOrders1764100000100],
};
