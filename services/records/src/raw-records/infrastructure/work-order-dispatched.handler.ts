import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { Journals } from '../../chain/application/journal';
import { Clock, CLOCK } from '../../shared/clock';
import { DispatchedPayload } from '../domain/record-state';
import { appendAndProject, createRecord, journalOf, nextRecordNumber } from './record-store';

/**
 * intake.work-order.dispatched → each item's record learns its section, method version, item code
 * (the authorisation key, R-5.1.4), place and promised date, and may be opened. An item
 * whose record does not exist yet (no created event seen) gets one, so there is always exactly one
 * original record per item.
 */
@Injectable()
export class WorkOrderDispatchedHandler implements EventHandler<'intake.work-order.dispatched'> {
  readonly eventType = 'intake.work-order.dispatched' as const;

  constructor(
    private readonly journals: Journals,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(event: EventEnvelope<PayloadOf<'intake.work-order.dispatched'>>, em: EntityManager): Promise<void> {
    const d = event.payload;
    const now = this.clock.now();
    const journal = await this.journals.open(em, event.tenant);
    for (const item of d.items) {
      const [existing] = await em.query(
        `select id from raw_record where work_order_id = $1 and item_id = $2 and remeasurement_of is null order by created_at, id limit 1 for update`,
        [d.workOrderId, item.itemId],
      );
      let recordId: string = existing?.id;
      if (!recordId) {
        recordId = randomUUID();
        await createRecord(journal, recordId, {
          workOrderId: d.workOrderId, orderNumber: d.orderNumber, recordNumber: await nextRecordNumber(em, event.tenant, now.getUTCFullYear()),
          customerId: null, placeOfWork: item.place, itemId: item.itemId, description: item.itemCode, serialNumber: null, serviceKind: item.serviceKind,
          methodCode: item.methodCode, nominalRange: null, sourceEventId: event.id, remeasurementOf: null,
        }, 'system:intake', now);
      }
      const payload: DispatchedPayload = {
        contractId: d.contractId, contractVersion: d.contractVersion, section: d.section, methodCode: item.methodCode, methodVersion: item.methodVersion,
        itemCode: item.itemCode, place: item.place, promisedDate: item.promisedDate, dispatchedBy: d.dispatchedBy, dispatchedAt: d.dispatchedAt, sourceEventId: event.id,
      };
      await appendAndProject(journal, recordId, await journalOf(em, recordId), 'dispatched', payload, 'system:intake', now);
    }
    await journal.finish(now);
  }
}
