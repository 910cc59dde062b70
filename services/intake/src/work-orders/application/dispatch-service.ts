import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, Outbox, OutboxRelay, ProblemException, LabCalendar } from '@calchain/platform';
import { ContractRepository } from '../../contracts/infrastructure/contract.repository';
import { requireNotBlocked } from '../../contracts/domain/deviation';
import { conflictWithRule, enforcingRules } from '../../shared/application/problems';
import { RuleCheck } from '../../shared/domain/rule-violation';
import { WorkOrderStatus } from '../domain/work-order';
import { ContractWorkOrderRepository } from '../infrastructure/contract-work-order.repository';
import { omit } from '../../shared/domain/objects';
import { inCallerTransaction } from '../../shared/application/caller-scope';

/** task dispatch: a work order of an accepted contract goes to its lab section. */
@Injectable()
export class DispatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly time: LabCalendar,
  ) {}

  /**
   * Refused while the contract waits for the review of a change, while any of its items
   * is blocked by a deviation without the customer's consent, and twice.
   */
  async dispatch(workOrderId: string, caller: Caller) {
    const result = await enforcingRules(() =>
      inCallerTransaction(this.dataSource, caller, async (em) => {
        const workOrders = new ContractWorkOrderRepository(em);
        const order = await workOrders.lockWorkOrder(workOrderId);
        if (!order) throw ProblemException.notFound('Work order', workOrderId);
        if (order.status === 'dispatched' || order.status === 'completed') throw conflictWithRule('R-7.1.1', 'status', 'once', `work order ${order.orderNumber} is already ${order.status}`);
        const contracts = new ContractRepository(em);
        const contract = order.contractId ? await contracts.find(order.contractId) : null;
        new RuleCheck()
          .require(contract !== null, 'R-7.1.1', 'workOrderId', 'from-accepted-contract', 'only work orders of an accepted contract are dispatched')
          .require(
            contract?.status !== 'change-pending',
            'R-6.1.3',
            'contract',
            'change-reviewed',
            `contract ${contract?.number} was changed: the new version must be reviewed and accepted first`,
          )
          .require(order.status === 'accepted', 'R-7.1.1', 'status', 'accepted', `a ${order.status} work order cannot be dispatched`)
          .throwIfBroken();
        const items = (await workOrders.dispatchItems(workOrderId)).filter((i) => i.status !== 'cancelled');
        if (items.length === 0) throw conflictWithRule('R-7.1.1', 'items', 'items-left', `work order ${order.orderNumber} has no items left to work on`);
        requireNotBlocked(items.map((i) => i.itemId), await contracts.deviationsOfItems(items.map((i) => i.itemId)));
        const now = this.time.now();
        await workOrders.markDispatched(workOrderId, caller.subject, now);
        await this.outbox.add(em, {
          type: 'intake.work-order.dispatched',
          tenant: caller.tenant,
          aggregateId: workOrderId,
          payload: {
            workOrderId, orderNumber: order.orderNumber, contractId: order.contractId!, contractVersion: order.contractVersion!, section: order.section!,
            dueDate: order.dueDate,
            items: items.map((i) => omit(i, 'status')),
            dispatchedBy: caller.subject,
            dispatchedAt: now.toISOString(),
          },
        });
        return { id: workOrderId, orderNumber: order.orderNumber, status: 'dispatched' as WorkOrderStatus, section: order.section, dispatchedAt: now, dispatchedBy: caller.subject };
      }),
    );
    this.relay.wake();
    return result;
  }

  list(filter: { contractId?: string; section?: string; status?: WorkOrderStatus; customerId?: string }, limit: number, offset: number, caller: Caller) {
    return inCallerTransaction(this.dataSource, caller, (em) => new ContractWorkOrderRepository(em).list(filter, limit, offset));
  }

  async itemHistory(itemId: string, caller: Caller) {
    return inCallerTransaction(this.dataSource, caller, async (em) => {
      const repository = new ContractWorkOrderRepository(em);
      const item = await repository.item(itemId);
      if (!item) throw ProblemException.notFound('Work order item', itemId);
      return { ...item, history: await repository.history(itemId) };
    });
  }
}
