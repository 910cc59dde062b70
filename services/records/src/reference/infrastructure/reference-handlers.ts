import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';

/**
 * Local read models of other services' events (contracts only, never their code or schema). Each
 * handler runs in the inbox transaction with the event's tenant set; payloads carry the full state
 * of their aggregate, so each handler replaces the row it keeps. Events of one aggregate arrive in
 * order (one partition per key); `updated_at` keeps the occurrence time of the state held.
 */

@Injectable()
export class MethodPublishedHandler implements EventHandler<'equipment.method.published'> {
  readonly eventType = 'equipment.method.published' as const;

  async handle(event: EventEnvelope<PayloadOf<'equipment.method.published'>>, em: EntityManager): Promise<void> {
    const m = event.payload;
    await em.query(
      `insert into rm_method (tenant_id, method_id, code, version, title, status, usable, effective_from, withdrawn_on, environmental_limits, readings,
                              measurement_model, required_equipment_kinds, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       on conflict (tenant_id, method_id) do update set code = excluded.code, version = excluded.version, title = excluded.title, status = excluded.status,
         usable = excluded.usable, effective_from = excluded.effective_from, withdrawn_on = excluded.withdrawn_on,
         environmental_limits = excluded.environmental_limits, readings = excluded.readings, measurement_model = excluded.measurement_model,
         required_equipment_kinds = excluded.required_equipment_kinds, updated_at = excluded.updated_at`,
      [
        event.tenant, m.methodId, m.code, m.version, m.title, m.status, m.usable, m.effectiveFrom, m.withdrawnOn, JSON.stringify(m.environmentalLimits),
        JSON.stringify(m.readings), m.measurementModel ? JSON.stringify(m.measurementModel) : null, JSON.stringify(m.requiredEquipmentKinds), event.occurredAt,
      ],
    );
  }
}

@Injectable()
export class EquipmentStatusChangedHandler implements EventHandler<'equipment.equipment.status-changed'> {
  readonly eventType = 'equipment.equipment.status-changed' as const;

  async handle(event: EventEnvelope<PayloadOf<'equipment.equipment.status-changed'>>, em: EntityManager): Promise<void> {
    const e = event.payload;
    await em.query(
      `insert into rm_equipment (tenant_id, equipment_id, asset_number, name, kind, status, reason, usable, effective_on, last_calibrated_on, due_date,
                                 measurement_standard_ids, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (tenant_id, equipment_id) do update set asset_number = excluded.asset_number, name = excluded.name, kind = excluded.kind,
         status = excluded.status, reason = excluded.reason, usable = excluded.usable, effective_on = excluded.effective_on,
         last_calibrated_on = excluded.last_calibrated_on, due_date = excluded.due_date, measurement_standard_ids = excluded.measurement_standard_ids,
         updated_at = excluded.updated_at`,
      [
        event.tenant, e.equipmentId, e.assetNumber, e.name, e.kind, e.status, e.reason, e.usable, e.effectiveOn, e.lastCalibratedOn, e.dueDate,
        JSON.stringify(e.measurementStandardIds), event.occurredAt,
      ],
    );
  }
}

@Injectable()
export class ScopeChangedHandler implements EventHandler<'equipment.measurement-standard.scope-changed'> {
  readonly eventType = 'equipment.measurement-standard.scope-changed' as const;

  async handle(event: EventEnvelope<PayloadOf<'equipment.measurement-standard.scope-changed'>>, em: EntityManager): Promise<void> {
    const s = event.payload;
    await em.query(
      `insert into rm_standard (tenant_id, standard_id, code, name, category, valid, invalid_reasons, valid_until, certificates, equipment_ids, items, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (tenant_id, standard_id) do update set code = excluded.code, name = excluded.name, category = excluded.category, valid = excluded.valid,
         invalid_reasons = excluded.invalid_reasons, valid_until = excluded.valid_until, certificates = excluded.certificates,
         equipment_ids = excluded.equipment_ids, items = excluded.items, updated_at = excluded.updated_at`,
      [
        event.tenant, s.standardId, s.code, s.name, s.category, s.valid, JSON.stringify(s.invalidReasons), s.validUntil, JSON.stringify(s.certificates),
        JSON.stringify(s.equipmentIds), JSON.stringify(s.items), event.occurredAt,
      ],
    );
  }
}

async function upsertAuthorisation(
  em: EntityManager,
  event: EventEnvelope<PayloadOf<'quality.authorisation.granted'>>,
  ended: { endedOn: string; reason: string } | null,
): Promise<void> {
  const a = event.payload;
  await em.query(
    `insert into rm_authorisation (tenant_id, authorisation_id, person_id, item_code, role, valid_from, valid_until, qualified, ended_on, end_reason, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     on conflict (tenant_id, authorisation_id) do update set person_id = excluded.person_id, item_code = excluded.item_code, role = excluded.role,
       valid_from = excluded.valid_from, valid_until = excluded.valid_until, qualified = excluded.qualified, ended_on = excluded.ended_on,
       end_reason = excluded.end_reason, updated_at = excluded.updated_at`,
    [event.tenant, a.authorisationId, a.personId, a.itemCode, a.role, a.validFrom, a.validUntil, a.qualifiedForResponsible, ended?.endedOn ?? null, ended?.reason ?? null, event.occurredAt],
  );
}

@Injectable()
export class AuthorisationGrantedHandler implements EventHandler<'quality.authorisation.granted'> {
  readonly eventType = 'quality.authorisation.granted' as const;

  handle(event: EventEnvelope<PayloadOf<'quality.authorisation.granted'>>, em: EntityManager): Promise<void> {
    return upsertAuthorisation(em, event, null);
  }
}

@Injectable()
export class AuthorisationRevokedHandler implements EventHandler<'quality.authorisation.revoked'> {
  readonly eventType = 'quality.authorisation.revoked' as const;

  handle(event: EventEnvelope<PayloadOf<'quality.authorisation.revoked'>>, em: EntityManager): Promise<void> {
    return upsertAuthorisation(em, event, { endedOn: event.payload.endedOn, reason: event.payload.reason });
  }
}

@Injectable()
export class ExcursionDetectedHandler implements EventHandler<'equipment.environment.excursion-detected'> {
  readonly eventType = 'equipment.environment.excursion-detected' as const;

  async handle(event: EventEnvelope<PayloadOf<'equipment.environment.excursion-detected'>>, em: EntityManager): Promise<void> {
    const x = event.payload;
    await em.query(
      `insert into rm_excursion (tenant_id, excursion_id, room_id, room_code, quantity, unit, lower, upper, value, device_id, started_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (tenant_id, excursion_id) do update set unit = excluded.unit, lower = excluded.lower, upper = excluded.upper, value = excluded.value,
         device_id = excluded.device_id, started_at = excluded.started_at`,
      [event.tenant, x.excursionId, x.roomId, x.roomCode, x.quantity, x.unit, x.lower, x.upper, x.value, x.deviceId, x.startedAt],
    );
  }
}

@Injectable()
export class ExcursionEndedHandler implements EventHandler<'equipment.environment.excursion-ended'> {
  readonly eventType = 'equipment.environment.excursion-ended' as const;

  async handle(event: EventEnvelope<PayloadOf<'equipment.environment.excursion-ended'>>, em: EntityManager): Promise<void> {
    const x = event.payload;
    await em.query(
      `insert into rm_excursion (tenant_id, excursion_id, room_id, room_code, quantity, worst_value, started_at, ended_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (tenant_id, excursion_id) do update set worst_value = excluded.worst_value, ended_at = excluded.ended_at`,
      [event.tenant, x.excursionId, x.roomId, x.roomCode, x.quantity, x.worstValue, x.startedAt, x.endedAt],
    );
  }
}

@Injectable()
export class OnSiteClearedHandler implements EventHandler<'intake.on-site-job.measurement-cleared'> {
  readonly eventType = 'intake.on-site-job.measurement-cleared' as const;

  async handle(event: EventEnvelope<PayloadOf<'intake.on-site-job.measurement-cleared'>>, em: EntityManager): Promise<void> {
    const c = event.payload;
    await em.query(
      `insert into rm_on_site_clearance (tenant_id, job_id, contract_id, item_ids, conditions_meet_method, impact_assessment_id, technical_manager_consent_by,
                                         customer_consent_id, cleared_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (tenant_id, job_id) do update set item_ids = excluded.item_ids, conditions_meet_method = excluded.conditions_meet_method,
         impact_assessment_id = excluded.impact_assessment_id, technical_manager_consent_by = excluded.technical_manager_consent_by,
         customer_consent_id = excluded.customer_consent_id, cleared_at = excluded.cleared_at`,
      [event.tenant, c.jobId, c.contractId, c.itemIds, c.conditionsMeetMethod, c.impactAssessmentId, c.technicalManagerConsentBy, c.customerConsentId, c.clearedAt],
    );
  }
}

@Injectable()
export class AdjustmentConsentedHandler implements EventHandler<'intake.item.adjustment-consented'> {
  readonly eventType = 'intake.item.adjustment-consented' as const;

  async handle(event: EventEnvelope<PayloadOf<'intake.item.adjustment-consented'>>, em: EntityManager): Promise<void> {
    const c = event.payload;
    await em.query(
      `insert into rm_adjustment_consent (tenant_id, item_id, consent_id, contract_id, granted_on) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [event.tenant, c.itemId, c.consentId, c.contractId, c.grantedOn],
    );
  }
}

export const referenceHandlers = [
  MethodPublishedHandler, EquipmentStatusChangedHandler, ScopeChangedHandler, AuthorisationGrantedHandler, AuthorisationRevokedHandler,
  ExcursionDetectedHandler, ExcursionEndedHandler, OnSiteClearedHandler, AdjustmentConsentedHandler,
];
