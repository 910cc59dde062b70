import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { pendingRecordsFor } from '../domain/raw-record';
import { RawRecordEntity } from './raw-record.entity';

/** intake.work-order.created → one pending raw record per item (runs in the inbox transaction). */
@Injectable()
export class WorkOrderCreatedHandler implements EventHandler<'intake.work-order.created'> {
  readonly eventType = 'intake.work-order.created' as const;

  async handle(event: EventEnvelope<PayloadOf<'intake.work-order.created'>>, em: EntityManager): Promise<void> {
    const { workOrderId, orderNumber, items } = event.payload;
    const records = pendingRecordsFor({ tenantId: event.tenant, workOrderId, orderNumber, items }, event.id, new Date());
    await em.insert(RawRecordEntity, records);
  }
}
