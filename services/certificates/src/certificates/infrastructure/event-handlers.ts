import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';
import { DraftsService } from '../application/drafts.service';
import { TraceabilityService } from '../application/traceability.service';

/** records.record.approved → a certificate draft, with no manual step. */
@Injectable()
export class RecordApprovedHandler implements EventHandler<'records.record.approved'> {
  readonly eventType = 'records.record.approved' as const;
  constructor(private readonly drafts: DraftsService) {}
  async handle(event: EventEnvelope<PayloadOf<'records.record.approved'>>, em: EntityManager): Promise<void> {
    await this.drafts.fromApprovedRecord(em, event.tenant, event.payload);
  }
}

type Authorisation = PayloadOf<'quality.authorisation.granted'> & { endedOn?: string };

/** Read model of authorised signatories; other roles are not kept. */
async function keepAuthorisation(em: EntityManager, tenant: string, a: Authorisation): Promise<void> {
  if (a.role !== 'authorised-signatory') return;
  await em.query(
    `insert into signatory_authorisation (authorisation_id, tenant_id, person_id, item_code, valid_from, valid_until, ended_on, qualified)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (authorisation_id) do update set valid_from = excluded.valid_from, valid_until = excluded.valid_until,
       ended_on = coalesce(excluded.ended_on, signatory_authorisation.ended_on), qualified = excluded.qualified`,
    [a.authorisationId, tenant, a.personId, a.itemCode, a.validFrom, a.validUntil, a.endedOn ?? null, a.qualifiedForResponsible],
  );
}

@Injectable()
export class AuthorisationGrantedHandler implements EventHandler<'quality.authorisation.granted'> {
  readonly eventType = 'quality.authorisation.granted' as const;
  handle(event: EventEnvelope<PayloadOf<'quality.authorisation.granted'>>, em: EntityManager): Promise<void> {
    return keepAuthorisation(em, event.tenant, event.payload);
  }
}

@Injectable()
export class AuthorisationRevokedHandler implements EventHandler<'quality.authorisation.revoked'> {
  readonly eventType = 'quality.authorisation.revoked' as const;
  handle(event: EventEnvelope<PayloadOf<'quality.authorisation.revoked'>>, em: EntityManager): Promise<void> {
    return keepAuthorisation(em, event.tenant, event.payload);
  }
}

/** equipment.equipment.status-changed → last good check, and reverse traceability on failure. */
@Injectable()
export class EquipmentStatusHandler implements EventHandler<'equipment.equipment.status-changed'> {
  readonly eventType = 'equipment.equipment.status-changed' as const;
  constructor(private readonly traceability: TraceabilityService) {}
  handle(event: EventEnvelope<PayloadOf<'equipment.equipment.status-changed'>>, em: EntityManager): Promise<void> {
    return this.traceability.onStatusChanged(em, event.tenant, event.payload);
  }
}

/**
 * intake.contract.accepted → the decision rule agreed with the customer at contract review, per
 * item id, for the conformity statements of its certificates (R-6.1.2, R-6.4.2.3).
 */
@Injectable()
export class ContractAcceptedHandler implements EventHandler<'intake.contract.accepted'> {
  readonly eventType = 'intake.contract.accepted' as const;
  constructor(private readonly drafts: DraftsService) {}
  handle(event: EventEnvelope<PayloadOf<'intake.contract.accepted'>>, em: EntityManager): Promise<void> {
    return this.drafts.fromContractAccepted(em, event.tenant, event.id, event.payload);
  }
}
