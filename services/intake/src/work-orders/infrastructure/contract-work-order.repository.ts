import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ItemStatus } from '../domain/item-status';
import { PlaceOfWork, ServiceKind, WorkOrderStatus } from '../domain/work-order';

export interface NewContractWorkOrder {
  id: string;
  orderNumber: string;
  customerId: string;
  placeOfWork: PlaceOfWork;
  dueDate: string | null;
  contractId: string;
  contractVersion: number;
  section: string;
  createdBy: string;
  createdAt: Date;
  items: NewContractWorkOrderItem[];
}

export interface NewContractWorkOrderItem {
  id: string;
  position: number;
  description: string;
  serialNumber: string | null;
  serviceKind: ServiceKind;
  methodCode: string;
  methodVersion: string;
  itemCode: string;
  place: PlaceOfWork;
  promisedDate: string | null;
  status: ItemStatus;
}

export interface TrackedItem {
  itemId: string;
  workOrderId: string;
  orderNumber: string;
  contractId: string | null;
  section: string | null;
  workOrderStatus: WorkOrderStatus;
  status: ItemStatus;
  place: PlaceOfWork | null;
  promisedDate: string | null;
}

const trackedColumns = `i.id as "itemId", o.id as "workOrderId", o.order_number as "orderNumber", o.contract_id as "contractId", o.section,
  o.status as "workOrderStatus", i.status, i.place, to_char(i.promised_date, 'YYYY-MM-DD') as "promisedDate"`;

/** Work orders born from contracts, their dispatch and the status of their items. */
export class ContractWorkOrderRepository {
  constructor(readonly em: EntityManager) {}

  async insert(tenant: string, o: NewContractWorkOrder): Promise<void> {
    await this.em.query(
      `insert into work_order (id, tenant_id, order_number, customer_id, place_of_work, due_date, status, created_by, created_at, contract_id, contract_version, section)
       values ($1, $2, $3, $4, $5, $6, 'accepted', $7, $8, $9, $10, $11)`,
      [o.id, tenant, o.orderNumber, o.customerId, o.placeOfWork, o.dueDate, o.createdBy, o.createdAt, o.contractId, o.contractVersion, o.section],
    );
    for (const i of o.items) {
      await this.em.query(
        `insert into work_order_item (id, tenant_id, work_order_id, position, description, serial_number, service_kind, method_code, method_version,
                                      item_code, place, promised_date, status)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [i.id, tenant, o.id, i.position, i.description, i.serialNumber, i.serviceKind, i.methodCode, i.methodVersion, i.itemCode, i.place, i.promisedDate, i.status],
      );
    }
  }

  itemsOfContract(contractId: string): Promise<TrackedItem[]> {
    return this.em.query(
      `select ${trackedColumns} from work_order_item i join work_order o on o.id = i.work_order_id where o.contract_id = $1 order by o.order_number, i.position`,
      [contractId],
    );
  }

  async item(itemId: string, lock = false): Promise<TrackedItem | null> {
    const [row] = await this.em.query(
      `select ${trackedColumns} from work_order_item i join work_order o on o.id = i.work_order_id where i.id = $1 ${lock ? 'for update of i' : ''}`,
      [itemId],
    );
    return row ?? null;
  }

  async lockWorkOrder(id: string): Promise<{ id: string; orderNumber: string; status: WorkOrderStatus; contractId: string | null; contractVersion: number | null; section: string | null; dueDate: string | null } | null> {
    const [row] = await this.em.query(
      `select id, order_number as "orderNumber", status, contract_id as "contractId", contract_version as "contractVersion", section,
              to_char(due_date, 'YYYY-MM-DD') as "dueDate"
         from work_order where id = $1 for update`,
      [id],
    );
    return row ?? null;
  }

  async dispatchItems(workOrderId: string): Promise<{ itemId: string; serviceKind: ServiceKind; methodCode: string; methodVersion: string; itemCode: string; place: PlaceOfWork; promisedDate: string | null; status: ItemStatus }[]> {
    return this.em.query(
      `select id as "itemId", service_kind as "serviceKind", method_code as "methodCode", method_version as "methodVersion", item_code as "itemCode", place,
              to_char(promised_date, 'YYYY-MM-DD') as "promisedDate", status
         from work_order_item where work_order_id = $1 order by position`,
      [workOrderId],
    );
  }

  async markDispatched(id: string, by: string, at: Date): Promise<void> {
    await this.em.query(`update work_order set status = 'dispatched', dispatched_by = $2, dispatched_at = $3 where id = $1`, [id, by, at]);
  }

  async setStatus(id: string, status: WorkOrderStatus): Promise<void> {
    await this.em.query(`update work_order set status = $2 where id = $1`, [id, status]);
  }

  async setItemStatus(tenant: string, itemId: string, status: ItemStatus, previous: ItemStatus | null, source: string, by: string, at: Date): Promise<void> {
    await this.em.query(`update work_order_item set status = $2 where id = $1`, [itemId, status]);
    await this.em.query(
      `insert into item_status_history (id, tenant_id, work_order_item_id, status, previous_status, source, changed_by, changed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), tenant, itemId, status, previous, source, by, at],
    );
  }

  async recordInitialStatus(tenant: string, itemId: string, status: ItemStatus, source: string, by: string, at: Date): Promise<void> {
    await this.em.query(
      `insert into item_status_history (id, tenant_id, work_order_item_id, status, previous_status, source, changed_by, changed_at)
       values ($1, $2, $3, $4, null, $5, $6, $7)`,
      [randomUUID(), tenant, itemId, status, source, by, at],
    );
  }

  async updateItemDetails(itemId: string, d: { description: string; serialNumber: string | null; serviceKind: ServiceKind; methodCode: string; methodVersion: string; itemCode: string; place: PlaceOfWork }): Promise<void> {
    await this.em.query(
      `update work_order_item set description = $2, serial_number = $3, service_kind = $4, method_code = $5, method_version = $6, item_code = $7, place = $8 where id = $1`,
      [itemId, d.description, d.serialNumber, d.serviceKind, d.methodCode, d.methodVersion, d.itemCode, d.place],
    );
  }

  history(itemId: string): Promise<{ status: ItemStatus; previousStatus: ItemStatus | null; source: string; changedBy: string; changedAt: Date }[]> {
    return this.em.query(
      `select status, previous_status as "previousStatus", source, changed_by as "changedBy", changed_at as "changedAt"
         from item_status_history where work_order_item_id = $1 order by changed_at, id`,
      [itemId],
    );
  }

  /**
   * A work order is completed when every item is done: returned or cancelled, or — on site, where
   * nothing comes back to the lab — its certificate issued.
   */
  async completeIfDone(workOrderId: string): Promise<void> {
    await this.em.query(
      `update work_order set status = 'completed' where id = $1 and contract_id is not null and status in ('accepted', 'dispatched')
         and not exists (select 1 from work_order_item where work_order_id = $1 and status not in ('returned', 'cancelled')
                           and not (place = 'on-site' and status = 'certificate-issued'))`,
      [workOrderId],
    );
  }

  async list(
    filter: { contractId?: string; section?: string; status?: WorkOrderStatus; customerId?: string },
    limit: number,
    offset: number,
  ): Promise<{ rows: unknown[]; total: number }> {
    const where = `where ($1::uuid is null or o.contract_id = $1::uuid) and ($2::text is null or o.section = $2) and ($3::text is null or o.status = $3)
                     and ($4::text is null or o.customer_id = $4)`;
    const params = [filter.contractId ?? null, filter.section ?? null, filter.status ?? null, filter.customerId ?? null];
    const rows = await this.em.query(
      `select o.id, o.order_number as "orderNumber", o.customer_id as "customerId", o.place_of_work as "placeOfWork", to_char(o.due_date, 'YYYY-MM-DD') as "dueDate",
              o.status, o.contract_id as "contractId", o.contract_version as "contractVersion", o.section, o.dispatched_at as "dispatchedAt",
              o.created_at as "createdAt", (select count(*)::int from work_order_item i where i.work_order_id = o.id) as "itemCount"
         from work_order o ${where} order by o.created_at desc, o.id limit $5 offset $6`,
      [...params, limit, offset],
    );
    const [{ total }] = await this.em.query(`select count(*)::int as total from work_order o ${where}`, params);
    return { rows, total };
  }
}
