import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventType, PayloadOf } from '@calchain/contracts';
import { EventHandler } from '@calchain/platform';

/*
 * Consumers that keep the capability read model current (architecture brief: "intake keeps the
 * authorised scope, equipment status and staff authorisations it needs for contract review").
 * Each event carries the full state of its aggregate, so each handler replaces one row — unless
 * the row already holds a state that occurred later (an old event redelivered after a new one).
 * They run in the inbox transaction with the event's tenant set, and write through `em` only.
 */

type Envelope<T extends EventType> = EventEnvelope<PayloadOf<T>>;

/** equipment.measurement-standard.scope-changed → rm_measurement_standard. */
@Injectable()
export class ScopeChangedHandler implements EventHandler<'equipment.measurement-standard.scope-changed'> {
  readonly eventType = 'equipment.measurement-standard.scope-changed' as const;

  async handle(event: Envelope<'equipment.measurement-standard.scope-changed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await em.query(
      `insert into rm_measurement_standard (tenant_id, standard_id, code, name, category, valid, invalid_reasons, valid_until, equipment_ids,
                                            items, certificates, source_event_id, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10, $11, $12, $13)
       on conflict (tenant_id, standard_id) do update set
         code = excluded.code, name = excluded.name, category = excluded.category, valid = excluded.valid,
         invalid_reasons = excluded.invalid_reasons, valid_until = excluded.valid_until, equipment_ids = excluded.equipment_ids,
         items = excluded.items, certificates = excluded.certificates, source_event_id = excluded.source_event_id, occurred_at = excluded.occurred_at
       where rm_measurement_standard.occurred_at <= excluded.occurred_at`,
      [
        event.tenant, p.standardId, p.code, p.name, p.category, p.valid, JSON.stringify(p.invalidReasons), p.validUntil, p.equipmentIds,
        JSON.stringify(p.items), JSON.stringify(p.certificates), event.id, event.occurredAt,
      ],
    );
  }
}

/** equipment.equipment.status-changed → rm_equipment. */
@Injectable()
export class EquipmentStatusChangedHandler implements EventHandler<'equipment.equipment.status-changed'> {
  readonly eventType = 'equipment.equipment.status-changed' as const;

  async handle(event: Envelope<'equipment.equipment.status-changed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await em.query(
      `insert into rm_equipment (tenant_id, equipment_id, asset_number, name, kind, status, usable, effective_on, last_calibrated_on, due_date,
                                 source_event_id, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       on conflict (tenant_id, equipment_id) do update set
         asset_number = excluded.asset_number, name = excluded.name, kind = excluded.kind, status = excluded.status, usable = excluded.usable,
         effective_on = excluded.effective_on, last_calibrated_on = excluded.last_calibrated_on, due_date = excluded.due_date,
         source_event_id = excluded.source_event_id, occurred_at = excluded.occurred_at
       where rm_equipment.occurred_at <= excluded.occurred_at`,
      [event.tenant, p.equipmentId, p.assetNumber, p.name, p.kind, p.status, p.usable, p.effectiveOn, p.lastCalibratedOn, p.dueDate, event.id, event.occurredAt],
    );
  }
}

/** equipment.method.published → rm_method. */
@Injectable()
export class MethodPublishedHandler implements EventHandler<'equipment.method.published'> {
  readonly eventType = 'equipment.method.published' as const;

  async handle(event: Envelope<'equipment.method.published'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await em.query(
      `insert into rm_method (tenant_id, method_id, code, version, title, status, usable, effective_from, withdrawn_on, superseded_by,
                              environmental_limits, source_event_id, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       on conflict (tenant_id, method_id) do update set
         code = excluded.code, version = excluded.version, title = excluded.title, status = excluded.status, usable = excluded.usable,
         effective_from = excluded.effective_from, withdrawn_on = excluded.withdrawn_on, superseded_by = excluded.superseded_by,
         environmental_limits = excluded.environmental_limits, source_event_id = excluded.source_event_id, occurred_at = excluded.occurred_at
       where rm_method.occurred_at <= excluded.occurred_at`,
      [
        event.tenant, p.methodId, p.code, p.version, p.title, p.status, p.usable, p.effectiveFrom, p.withdrawnOn,
        p.supersededBy ? JSON.stringify({ code: p.supersededBy.code, version: p.supersededBy.version, methodId: p.supersededBy.methodId }) : null,
        JSON.stringify(p.environmentalLimits), event.id, event.occurredAt,
      ],
    );
  }
}

async function upsertAuthorisation(
  em: EntityManager,
  event: Envelope<'quality.authorisation.granted'> | Envelope<'quality.authorisation.revoked'>,
  ended: { endedOn: string; reason: string } | null,
): Promise<void> {
  const p = event.payload;
  await em.query(
    `insert into rm_authorisation (tenant_id, authorisation_id, person_id, item_code, role, valid_from, valid_until, qualified_for_responsible,
                                   ended_on, end_reason, source_event_id, occurred_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (tenant_id, authorisation_id) do update set
       person_id = excluded.person_id, item_code = excluded.item_code, role = excluded.role, valid_from = excluded.valid_from,
       valid_until = excluded.valid_until, qualified_for_responsible = excluded.qualified_for_responsible, ended_on = excluded.ended_on,
       end_reason = excluded.end_reason, source_event_id = excluded.source_event_id, occurred_at = excluded.occurred_at
     where rm_authorisation.occurred_at <= excluded.occurred_at`,
    [
      event.tenant, p.authorisationId, p.personId, p.itemCode, p.role, p.validFrom, p.validUntil, p.qualifiedForResponsible,
      ended?.endedOn ?? null, ended?.reason ?? null, event.id, event.occurredAt,
    ],
  );
}

/** quality.authorisation.granted → rm_authorisation. */
@Injectable()
export class AuthorisationGrantedHandler implements EventHandler<'quality.authorisation.granted'> {
  readonly eventType = 'quality.authorisation.granted' as const;

  handle(event: Envelope<'quality.authorisation.granted'>, em: EntityManager): Promise<void> {
    return upsertAuthorisation(em, event, null);
  }
}

/** quality.authorisation.revoked → rm_authorisation with its end day. */
@Injectable()
export class AuthorisationRevokedHandler implements EventHandler<'quality.authorisation.revoked'> {
  readonly eventType = 'quality.authorisation.revoked' as const;

  handle(event: Envelope<'quality.authorisation.revoked'>, em: EntityManager): Promise<void> {
    return upsertAuthorisation(em, event, { endedOn: event.payload.endedOn, reason: event.payload.reason });
  }
}

/** quality.item-staffing.changed → rm_item_staffing (R-5.1.1: quality's verdict per item). */
@Injectable()
export class ItemStaffingChangedHandler implements EventHandler<'quality.item-staffing.changed'> {
  readonly eventType = 'quality.item-staffing.changed' as const;

  async handle(event: Envelope<'quality.item-staffing.changed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await em.query(
      `insert into rm_item_staffing (tenant_id, item_code, authorised_persons, has_qualified_responsible, adequate, evaluated_on, source_event_id, occurred_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (tenant_id, item_code) do update set
         authorised_persons = excluded.authorised_persons, has_qualified_responsible = excluded.has_qualified_responsible,
         adequate = excluded.adequate, evaluated_on = excluded.evaluated_on, source_event_id = excluded.source_event_id, occurred_at = excluded.occurred_at
       where rm_item_staffing.occurred_at <= excluded.occurred_at`,
      [event.tenant, p.itemCode, p.authorisedPersons, p.hasQualifiedResponsible, p.adequate, p.evaluatedOn, event.id, event.occurredAt],
    );
  }
}

export const capabilityHandlers = [
  ScopeChangedHandler,
  EquipmentStatusChangedHandler,
  MethodPublishedHandler,
  AuthorisationGrantedHandler,
  AuthorisationRevokedHandler,
  ItemStaffingChangedHandler,
];
