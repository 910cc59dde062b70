import { EntityManager } from 'typeorm';
import { formatOrderNumber, WorkOrder, WorkOrderView } from '../domain/work-order';
import { WorkOrderEntity, WorkOrderItemEntity } from './work-order.entity';

/** Work orders in the intake schema; always used inside a tenant transaction (row-level security). */
export class WorkOrderRepository {
  constructor(private readonly em: EntityManager) {}

  async nextOrderNumber(tenantId: string, year: number): Promise<string> {
    const [row] = await this.em.query(
      `insert into work_order_number (tenant_id, year, last) values ($1, $2, 1)
       on conflict (tenant_id, year) do update set last = work_order_number.last + 1
       returning last`,
      [tenantId, year],
    );
    return formatOrderNumber(year, row.last);
  }

  async insert(order: WorkOrder): Promise<void> {
    const { items, ...head } = order;
    await this.em.insert(WorkOrderEntity, head);
    await this.em.insert(
      WorkOrderItemEntity,
      items.map((item) => ({ ...item, tenantId: order.tenantId, workOrderId: order.id })),
    );
  }

  async find(id: string): Promise<WorkOrderView | null> {
    const entity = await this.em.findOne(WorkOrderEntity, { where: { id }, relations: { items: true }, order: { items: { position: 'ASC' } } });
    if (!entity) return null;
    const { items, ...head } = entity;
    return {
      ...head,
      items: items.map(({ id: itemId, position, description, serialNumber, serviceKind, methodCode, status, place, methodVersion, itemCode, promisedDate }) => ({
        id: itemId, position, description, serialNumber, serviceKind, methodCode, status, place, methodVersion, itemCode, promisedDate,
      })),
    };
  }
}
