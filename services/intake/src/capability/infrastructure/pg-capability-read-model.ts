import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CapabilityReadModel } from '../application/capability-read-model.port';
import { AuthorisationView, CapabilitySnapshot, EquipmentView, MethodView, StandardView, StaffingView } from '../domain/capability';

/** The read model's tables (migration 1764100000300), read inside the caller's tenant transaction. */
@Injectable()
export class PgCapabilityReadModel implements CapabilityReadModel {
  async snapshot(em: EntityManager, query: { methodCodes: string[]; itemCodes: string[] }): Promise<CapabilitySnapshot> {
    const standards: StandardView[] = await em.query(
      `select standard_id as "standardId", code, name, valid, invalid_reasons as "invalidReasons",
              to_char(valid_until, 'YYYY-MM-DD') as "validUntil", equipment_ids::text[] as "equipmentIds", items
         from rm_measurement_standard
        where exists (select 1 from jsonb_array_elements(items) i, jsonb_array_elements_text(i->'methodCodes') m where m = any($1::text[]))
        order by code`,
      [query.methodCodes],
    );
    const equipmentIds = [...new Set(standards.flatMap((s) => s.equipmentIds))];
    const equipment: EquipmentView[] = await em.query(
      `select equipment_id as "equipmentId", asset_number as "assetNumber", name, status, usable, to_char(due_date, 'YYYY-MM-DD') as "dueDate"
         from rm_equipment where equipment_id = any($1::uuid[])`,
      [equipmentIds],
    );
    const methods: MethodView[] = await em.query(
      `select method_id as "methodId", code, version, title, status, usable, to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom",
              to_char(withdrawn_on, 'YYYY-MM-DD') as "withdrawnOn", superseded_by as "supersededBy", environmental_limits as "environmentalLimits"
         from rm_method where code = any($1::text[]) order by code, version`,
      [query.methodCodes],
    );
    const authorisations: AuthorisationView[] = await em.query(
      `select authorisation_id as "authorisationId", person_id as "personId", item_code as "itemCode", role,
              to_char(valid_from, 'YYYY-MM-DD') as "validFrom", to_char(valid_until, 'YYYY-MM-DD') as "validUntil",
              qualified_for_responsible as "qualifiedForResponsible", to_char(ended_on, 'YYYY-MM-DD') as "endedOn"
         from rm_authorisation where item_code = any($1::text[]) order by authorisation_id`,
      [query.itemCodes],
    );
    const staffing: StaffingView[] = await em.query(
      `select item_code as "itemCode", authorised_persons as "authorisedPersons", has_qualified_responsible as "hasQualifiedResponsible",
              adequate, to_char(evaluated_on, 'YYYY-MM-DD') as "evaluatedOn"
         from rm_item_staffing where item_code = any($1::text[])`,
      [query.itemCodes],
    );
    return { standards, equipment, methods, authorisations, staffing };
  }
}
