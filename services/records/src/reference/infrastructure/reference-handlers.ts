import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventType, PayloadOf } from '@calchain/contracts';
import { EventHandler, upsertReadModel } from '@calchain/platform';

/**
 * Local read models of other services' events (contracts only, never their code or schema). Each
 * handler runs in the inbox transaction with the event's tenant set; payloads carry the full state
 * of their aggregate, so each handler replaces the row it keeps — unless the row already holds a
 * later state (`updated_at` keeps the occurrence time of the state held).
 */

type Envelope<T extends EventType> = EventEnvelope<PayloadOf<T>>;
const json = (value: unknown) => JSON.stringify(value);

@Injectable()
export class MethodPublishedHandler implements EventHandler<'equipment.method.published'> {
  readonly eventType = 'equipment.method.published' as const;

  handle(event: Envelope<'equipment.method.published'>, em: EntityManager): Promise<void> {
    const m = event.payload;
    return upsertReadModel(em, {
      table: 'rm_method', key: ['tenant_id', 'method_id'], newerOnly: 'updated_at',
      values: {
        tenant_id: event.tenant, method_id: m.methodId, code: m.code, version: m.version, title: m.title, status: m.status, usable: m.usable,
        effective_from: m.effectiveFrom, withdrawn_on: m.withdrawnOn, environmental_limits: json(m.environmentalLimits), readings: json(m.readings),
        measurement_model: m.measurementModel ? json(m.measurementModel) : null, required_equipment_kinds: json(m.requiredEquipmentKinds),
        updated_at: event.occurredAt,
      },
    });
  }
}

@Injectable()
export class EquipmentStatusChangedHandler implements EventHandler<'equipment.equipment.status-changed'> {
  readonly eventType = 'equipment.equipment.status-changed' as const;

  handle(event: Envelope<'equipment.equipment.status-changed'>, em: EntityManager): Promise<void> {
    const e = event.payload;
    return upsertReadModel(em, {
      table: 'rm_equipment', key: ['tenant_id', 'equipment_id'], newerOnly: 'updated_at',
      values: {
        tenant_id: event.tenant, equipment_id: e.equipmentId, asset_number: e.assetNumber, name: e.name, kind: e.kind, status: e.status,
        reason: e.reason, usable: e.usable, effective_on: e.effectiveOn, last_calibrated_on: e.lastCalibratedOn, due_date: e.dueDate,
        measurement_standard_ids: json(e.measurementStandardIds), updated_at: event.occurredAt,
      },
    });
  }
}

@Injectable()
export class ScopeChangedHandler implements EventHandler<'equipment.measurement-standard.scope-changed'> {
  readonly eventType = 'equipment.measurement-standard.scope-changed' as const;

  handle(event: Envelope<'equipment.measurement-standard.scope-changed'>, em: EntityManager): Promise<void> {
    const s = event.payload;
    return upsertReadModel(em, {
      table: 'rm_standard', key: ['tenant_id', 'standard_id'], newerOnly: 'updated_at',
      values: {
        tenant_id: event.tenant, standard_id: s.standardId, code: s.code, name: s.name, category: s.category, valid: s.valid,
        invalid_reasons: json(s.invalidReasons), valid_until: s.validUntil, certificates: json(s.certificates), equipment_ids: json(s.equipmentIds),
        items: json(s.items), updated_at: event.occurredAt,
      },
    });
  }
}

function upsertAuthorisation(
  em: EntityManager,
  event: Envelope<'quality.authorisation.granted'> | Envelope<'quality.authorisation.revoked'>,
  ended: { endedOn: string; reason: string } | null,
): Promise<void> {
  const a = event.payload;
  return upsertReadModel(em, {
    table: 'rm_authorisation', key: ['tenant_id', 'authorisation_id'], newerOnly: 'updated_at',
    values: {
      tenant_id: event.tenant, authorisation_id: a.authorisationId, person_id: a.personId, item_code: a.itemCode, role: a.role,
      valid_from: a.validFrom, valid_until: a.validUntil, qualified: a.qualifiedForResponsible, ended_on: ended?.endedOn ?? null,
      end_reason: ended?.reason ?? null, updated_at: event.occurredAt,
    },
  });
}

@Injectable()
export class AuthorisationGrantedHandler implements EventHandler<'quality.authorisation.granted'> {
  readonly eventType = 'quality.authorisation.granted' as const;

  handle(event: Envelope<'quality.authorisation.granted'>, em: EntityManager): Promise<void> {
    return upsertAuthorisation(em, event, null);
  }
}

@Injectable()
export class AuthorisationRevokedHandler implements EventHandler<'quality.authorisation.revoked'> {
  readonly eventType = 'quality.authorisation.revoked' as const;

  handle(event: Envelope<'quality.authorisation.revoked'>, em: EntityManager): Promise<void> {
    return upsertAuthorisation(em, event, { endedOn: event.payload.endedOn, reason: event.payload.reason });
  }
}

@Injectable()
export class ExcursionDetectedHandler implements EventHandler<'equipment.environment.excursion-detected'> {
  readonly eventType = 'equipment.environment.excursion-detected' as const;

  handle(event: Envelope<'equipment.environment.excursion-detected'>, em: EntityManager): Promise<void> {
    const x = event.payload;
    return upsertReadModel(em, {
      table: 'rm_excursion', key: ['tenant_id', 'excursion_id'], update: ['unit', 'lower', 'upper', 'value', 'device_id', 'started_at'],
      values: {
        tenant_id: event.tenant, excursion_id: x.excursionId, room_id: x.roomId, room_code: x.roomCode, quantity: x.quantity, unit: x.unit,
        lower: x.lower, upper: x.upper, value: x.value, device_id: x.deviceId, started_at: x.startedAt,
      },
    });
  }
}

@Injectable()
export class ExcursionEndedHandler implements EventHandler<'equipment.environment.excursion-ended'> {
  readonly eventType = 'equipment.environment.excursion-ended' as const;

  handle(event: Envelope<'equipment.environment.excursion-ended'>, em: EntityManager): Promise<void> {
    const x = event.payload;
    // The end may arrive before the start (other partition key order): the start fills the rest.
    return upsertReadModel(em, {
      table: 'rm_excursion', key: ['tenant_id', 'excursion_id'], update: ['worst_value', 'ended_at'],
      values: {
        tenant_id: event.tenant, excursion_id: x.excursionId, room_id: x.roomId, room_code: x.roomCode, quantity: x.quantity,
        worst_value: x.worstValue, started_at: x.startedAt, ended_at: x.endedAt,
      },
    });
  }
}

@Injectable()
export class OnSiteClearedHandler implements EventHandler<'intake.on-site-job.measurement-cleared'> {
  readonly eventType = 'intake.on-site-job.measurement-cleared' as const;

  handle(event: Envelope<'intake.on-site-job.measurement-cleared'>, em: EntityManager): Promise<void> {
    const c = event.payload;
    return upsertReadModel(em, {
      table: 'rm_on_site_clearance', key: ['tenant_id', 'job_id'],
      update: ['item_ids', 'conditions_meet_method', 'impact_assessment_id', 'technical_manager_consent_by', 'customer_consent_id', 'cleared_at'],
      values: {
        tenant_id: event.tenant, job_id: c.jobId, contract_id: c.contractId, item_ids: c.itemIds, conditions_meet_method: c.conditionsMeetMethod,
        impact_assessment_id: c.impactAssessmentId, technical_manager_consent_by: c.technicalManagerConsentBy, customer_consent_id: c.customerConsentId,
        cleared_at: c.clearedAt,
      },
    });
  }
}

@Injectable()
export class AdjustmentConsentedHandler implements EventHandler<'intake.item.adjustment-consented'> {
  readonly eventType = 'intake.item.adjustment-consented' as const;

  handle(event: Envelope<'intake.item.adjustment-consented'>, em: EntityManager): Promise<void> {
    const c = event.payload;
    // Primary key (tenant_id, item_id, consent_id): a consent is recorded once.
    return upsertReadModel(em, {
      table: 'rm_adjustment_consent', key: ['tenant_id', 'item_id', 'consent_id'], update: [],
      values: { tenant_id: event.tenant, item_id: c.itemId, consent_id: c.consentId, contract_id: c.contractId, granted_on: c.grantedOn },
    });
  }
}

export const referenceHandlers = [
  MethodPublishedHandler, EquipmentStatusChangedHandler, ScopeChangedHandler, AuthorisationGrantedHandler, AuthorisationRevokedHandler,
  ExcursionDetectedHandler, ExcursionEndedHandler, OnSiteClearedHandler, AdjustmentConsentedHandler,
];
