import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Outbox } from '@calchain/platform';
import { IsoDate } from '@calchain/platform/calendar';
import { violation } from '../../shared/domain/rule-violation';
import { TimeLimitRepository } from '../../time-limits/infrastructure/time-limit.repository';
import { ItemStatus, nextStatus, stopsClock } from '../domain/item-status';
import { ContractWorkOrderRepository } from '../infrastructure/contract-work-order.repository';

/**
 * Moves an item along the flow inside the caller's transaction: checks the step
 * (no skipping, R-4.5), writes the status and its history, stops the time-limit clock when the
 * certificate is issued or the item is returned, completes the work order when all its
 * items are done, and tells it (intake.item.status-changed).
 *
 * Intake moves items to in-lab (item intake), returned (item return) and cancelled (contract
 * change). `measured`, `reviewed` and `certificate-issued` belong to records and certificates:
 * they come through here from their event handlers once those services publish such events.
 */
@Injectable()
export class ItemProgress {
  constructor(private readonly outbox: Outbox) {}

  async advance(
    em: EntityManager,
    change: { tenant: string; itemId: string; to: ItemStatus; source: string; by: string; now: Date; today: IsoDate },
  ): Promise<{ previous: ItemStatus; status: ItemStatus }> {
    const repository = new ContractWorkOrderRepository(em);
    const item = await repository.item(change.itemId, true);
    if (!item) violation('R-7.1.1', 'itemId', 'accepted-item', `item ${change.itemId} is not in any work order`);
    const status = nextStatus(item.status, change.to, item.place);
    await repository.setItemStatus(change.tenant, item.itemId, status, item.status, change.source, change.by, change.now);
    if (stopsClock(status)) await new TimeLimitRepository(em).complete(item.itemId, change.today);
    if (status === 'returned' || status === 'cancelled' || status === 'certificate-issued') await repository.completeIfDone(item.workOrderId);
    await this.outbox.add(em, {
      type: 'intake.item.status-changed',
      tenant: change.tenant,
      aggregateId: item.itemId,
      payload: { itemId: item.itemId, contractId: item.contractId, workOrderId: item.workOrderId, status, previousStatus: item.status, changedAt: change.now.toISOString() },
    });
    return { previous: item.status, status };
  }
}
