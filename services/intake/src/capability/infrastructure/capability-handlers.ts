import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventType, PayloadOf } from '@calchain/contracts';
import { EventHandler, upsertReadModel } from '@calchain/platform';

/*
 * Consumers that keep the capability read model current (architecture brief: "intake keeps the
 * authorised scope, equipment status and staff authorisations it needs for contract review").
 * Each event carries the full state of its aggregate, so each handler replaces one row — unless
 * the row already holds a state that occurred later (an old event redelivered after a new one).
 * They run in the inbox transaction with the event's tenant set, and write through `em` only.
 */

type Envelope<T extends EventType> = EventEnvelope<PayloadOf<T>>;

const json = (value: unknown) => JSON.stringify(value);
const stamp = (event: EventEnvelope<unknown>) => ({ source_event_id: event.id, occurred_at: event.occurredAt });

/** equipment.measurement-standard.scope-changed → rm_measurement_standard. */
@Injectable()
export class ScopeChangedHandler implements EventHandler<'equipment.measurement-standard.scope-changed'> {
  readonly eventType = 'equipment.measurement-standard.scope-changed' as const;

  handle(event: Envelope<'equipment.measurement-standard.scope-changed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    return upsertReadModel(em, {
      table: 'rm_measurement_standard', key: ['tenant_id', 'standard_id'], newerOnly: 'occurred_at',
      values: {
        tenant_id: event.tenant, standard_id: p.standardId, code: p.code, name: p.name, category: p.category, valid: p.valid,
        invalid_reasons: json(p.invalidReasons), valid_until: p.validUntil, equipment_ids: p.equipmentIds, items: json(p.items),
        certificates: json(p.certificates), ...stamp(event),
      },
    });
  }
}

/** equipment.equipment.status-changed → rm_equipment. */
@Injectable()
export class EquipmentStatusChangedHandler implements EventHandler<'equipment.equipment.status-changed'> {
  readonly eventType = 'equipment.equipment.status-changed' as const;

  handle(event: Envelope<'equipment.equipment.status-changed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    return upsertReadModel(em, {
      table: 'rm_equipment', key: ['tenant_id', 'equipment_id'], newerOnly: 'occurred_at',
      values: {
        tenant_id: event.tenant, equipment_id: p.equipmentId, asset_number: p.assetNumber, name: p.name, kind: p.kind, status: p.status,
        usable: p.usable, effective_on: p.effectiveOn, last_calibrated_on: p.lastCalibratedOn, due_date: p.dueDate, ...stamp(event),
      },
    });
  }
}

/** equipment.method.published → rm_method. */
@Injectable()
export class MethodPublishedHandler implements EventHandler<'equipment.method.published'> {
  readonly eventType = 'equipment.method.published' as const;

  handle(event: Envelope<'equipment.method.published'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    const supersededBy = p.supersededBy ? json({ code: p.supersededBy.code, version: p.supersededBy.version, methodId: p.supersededBy.methodId }) : null;
    return upsertReadModel(em, {
      table: 'rm_method', key: ['tenant_id', 'method_id'], newerOnly: 'occurred_at',
      values: {
        tenant_id: event.tenant, method_id: p.methodId, code: p.code, version: p.version, title: p.title, status: p.status, usable: p.usable,
        effective_from: p.effectiveFrom, withdrawn_on: p.withdrawnOn, superseded_by: supersededBy,
        environmental_limits: json(p.environmentalLimits), ...stamp(event),
      },
    });
  }
}

function upsertAuthorisation(
  em: EntityManager,
  event: Envelope<'quality.authorisation.granted'> | Envelope<'quality.authorisation.revoked'>,
  ended: { endedOn: string; reason: string } | null,
): Promise<void> {
  const p = event.payload;
  return upsertReadModel(em, {
    table: 'rm_authorisation', key: ['tenant_id', 'authorisation_id'], newerOnly: 'occurred_at',
    values: {
      tenant_id: event.tenant, authorisation_id: p.authorisationId, person_id: p.personId, item_code: p.itemCode, role: p.role,
      valid_from: p.validFrom, valid_until: p.validUntil, qualified_for_responsible: p.qualifiedForResponsible,
      ended_on: ended?.endedOn ?? null, end_reason: ended?.reason ?? null, ...stamp(event),
    },
  });
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

  handle(event: Envelope<'quality.item-staffing.changed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    return upsertReadModel(em, {
      table: 'rm_item_staffing', key: ['tenant_id', 'item_code'], newerOnly: 'occurred_at',
      values: {
        tenant_id: event.tenant, item_code: p.itemCode, authorised_persons: p.authorisedPersons, has_qualified_responsible: p.hasQualifiedResponsible,
        adequate: p.adequate, evaluated_on: p.evaluatedOn, ...stamp(event),
      },
    });
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
