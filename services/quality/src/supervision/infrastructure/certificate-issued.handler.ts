import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { SupervisionService } from '../application/supervision-service';

/** certificates.certificate.issued → a completed job in the supervision pool. */
@Injectable()
export class CertificateIssuedHandler implements EventHandler<'certificates.certificate.issued'> {
  readonly eventType = 'certificates.certificate.issued' as const;

  constructor(private readonly supervision: SupervisionService) {}

  async handle(event: EventEnvelope<PayloadOf<'certificates.certificate.issued'>>, em: EntityManager): Promise<void> {
    await this.supervision.poolIssuedCertificateIn(em, event.tenant, event.payload);
  }
}
