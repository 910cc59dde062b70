import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, Outbox, OutboxRelay, ProblemException } from '@calchain/platform';
import { NewWorkOrder, openWorkOrder, WorkOrder, WorkOrderView } from '../domain/work-order';
import { WorkOrderRepository } from '../infrastructure/work-order.repository';
import { inCallerTransaction } from '../../shared/application/caller-scope';

/** Use cases of work orders: open one (state + event in one transaction), read one. */
@Injectable()
export class WorkOrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
  ) {}

  async open(input: NewWorkOrder, caller: Caller, now = new Date()): Promise<WorkOrder> {
    const order = await inCallerTransaction(this.dataSource, caller, async (em) => {
      const repository = new WorkOrderRepository(em);
      const orderNumber = await repository.nextOrderNumber(caller.tenant, now.getUTCFullYear());
      const created = openWorkOrder(input, { tenantId: caller.tenant, createdBy: caller.subject, orderNumber, now });
      await repository.insert(created);
      await this.outbox.add(em, {
        type: 'intake.work-order.created',
        tenant: caller.tenant,
        aggregateId: created.id,
        payload: {
          workOrderId: created.id,
          orderNumber: created.orderNumber,
          customerId: created.customerId,
          placeOfWork: created.placeOfWork,
          dueDate: created.dueDate,
          items: created.items.map((i) => ({
            itemId: i.id, description: i.description, serialNumber: i.serialNumber, serviceKind: i.serviceKind, methodCode: i.methodCode,
          })),
        },
      });
      return created;
    });
    this.relay.wake();
    return order;
  }

  async get(id: string, caller: Caller): Promise<WorkOrderView> {
    const order = await inCallerTransaction(this.dataSource, caller, (em) => new WorkOrderRepository(em).find(id));
    if (!order) throw ProblemException.notFound('Work order', id);
    return order;
  }
}
