import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { SupervisionService } from '../../supervision/application/supervision-service';
import { RemeasurementService } from '../application/remeasurement-service';

/**
 * records.suspicious-data.detected → a re-measurement request. Runs in the inbox
 * transaction: a redelivered event finds its inbox row; a re-sent detection finds its request.
 */
@Injectable()
export class SuspiciousDataDetectedHandler implements EventHandler<'records.suspicious-data.detected'> {
  readonly eventType = 'records.suspicious-data.detected' as const;

  constructor(private readonly remeasurements: RemeasurementService) {}

  async handle(event: EventEnvelope<PayloadOf<'records.suspicious-data.detected'>>, em: EntityManager): Promise<void> {
    await this.remeasurements.openFromDetectionIn(em, event.tenant, event.payload);
  }
}

/**
 * records.record.approved → a completed job in the supervision pool and, when it carries
 * `remeasurementOf`, the re-measurement result linked to its request. One handler per
 * event type, in one inbox transaction.
 */
@Injectable()
export class RecordApprovedHandler implements EventHandler<'records.record.approved'> {
  readonly eventType = 'records.record.approved' as const;

  constructor(
    private readonly remeasurements: RemeasurementService,
    private readonly supervision: SupervisionService,
  ) {}

  async handle(event: EventEnvelope<PayloadOf<'records.record.approved'>>, em: EntityManager): Promise<void> {
    await this.supervision.poolApprovedRecordIn(em, event.tenant, event.payload);
    await this.remeasurements.linkApprovedRecordIn(em, event.payload);
  }
}
