import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { Journals } from '../../chain/application/journal';
import { Clock, CLOCK } from '../../shared/clock';
import { pendingRecordsFor } from '../domain/raw-record';
import { createRecord, nextRecordNumber } from './record-store';

/**
 * intake.work-order.created → one pending raw record per item, each opened in the
 * journal and the chain. Runs in the inbox transaction: a redelivered event does nothing.
 */
@Injectable()
export class WorkOrderCreatedHandler implements EventHandler<'intake.work-order.created'> {
  readonly eventType = 'intake.work-order.created' as const;

  constructor(
    private readonly journals: Journals,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<PayloadOf<'intake.work-order.created'>>, em: EntityManager): Promise<void> {
    const { workOrderId, orderNumber, items, customerId, placeOfWork } = event.payload;
    const now = this.clock.now();
    const journal = await this.journals.open(em, event.tenant);
    for (const record of pendingRecordsFor({ tenantId: event.tenant, workOrderId, orderNumber, customerId, placeOfWork, items }, event.id, now)) {
      const recordNumber = await nextRecordNumber(em, event.tenant, now.getUTCFullYear());
      await createRecord(journal, record.id, { ...record.created, recordNumber }, 'system:intake', now);
    }
    await journal.finish(now);
  }
}
