import { EntityManager } from 'typeorm';
import { AuthorisationRow, EquipmentRow, ExcursionRow, MethodRow, OnSiteClearanceRow, StandardRow } from '../../raw-records/domain/reference';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Reads of the local read models (rm_* tables), inside the caller's tenant transaction. */
export class ReferenceRepository {
  constructor(private readonly em: EntityManager) {}

  async method(code: string, version: string): Promise<MethodRow | undefined> {
    const [r] = await this.em.query(`select * from rm_method where code = $1 and version = $2 order by updated_at desc limit 1`, [code, version]);
    return r ? toMethod(r) : undefined;
  }

  async methods(): Promise<MethodRow[]> {
    return (await this.em.query(`select * from rm_method order by code, version`)).map(toMethod);
  }

  async equipment(ids: readonly string[]): Promise<Map<string, EquipmentRow>> {
    const rows = await this.em.query(`select * from rm_equipment where equipment_id = any($1::uuid[])`, [ids]);
    return new Map(rows.map((r: Record<string, unknown>) => [r.equipment_id as string, toEquipment(r)]));
  }

  async allEquipment(): Promise<EquipmentRow[]> {
    return (await this.em.query(`select * from rm_equipment order by asset_number`)).map(toEquipment);
  }

  async standards(ids: readonly string[]): Promise<Map<string, StandardRow>> {
    const rows = await this.em.query(`select * from rm_standard where standard_id = any($1::uuid[])`, [ids]);
    return new Map(rows.map((r: Record<string, unknown>) => [r.standard_id as string, toStandard(r)]));
  }

  async allStandards(): Promise<StandardRow[]> {
    return (await this.em.query(`select * from rm_standard order by code`)).map(toStandard);
  }

  async authorisations(personId: string, itemCode: string): Promise<AuthorisationRow[]> {
    return (await this.em.query(`select * from rm_authorisation where person_id = $1 and item_code = $2 order by valid_from desc`, [personId, itemCode])).map(toAuthorisation);
  }

  async authorisationsOf(personId: string): Promise<AuthorisationRow[]> {
    return (await this.em.query(`select * from rm_authorisation where person_id = $1 order by item_code, role`, [personId])).map(toAuthorisation);
  }

  async excursions(roomId: string, from: string, to: string): Promise<ExcursionRow[]> {
    const rows = await this.em.query(
      `select * from rm_excursion where room_id = $1 and started_at <= $3 and (ended_at is null or ended_at >= $2) order by started_at`,
      [roomId, from, to],
    );
    return rows.map((r: Record<string, unknown>) => ({
      excursionId: r.excursion_id, roomId: r.room_id, roomCode: r.room_code, quantity: r.quantity, unit: r.unit, lower: r.lower, upper: r.upper,
      value: r.value, worstValue: r.worst_value, startedAt: iso(r.started_at as Date)!, endedAt: iso(r.ended_at as Date | null),
    }) as ExcursionRow);
  }

  async onSiteClearance(itemId: string): Promise<OnSiteClearanceRow | undefined> {
    const [r] = await this.em.query(`select * from rm_on_site_clearance where $1::uuid = any(item_ids) order by cleared_at desc limit 1`, [itemId]);
    return r
      ? {
          jobId: r.job_id, itemIds: r.item_ids, conditionsMeetMethod: r.conditions_meet_method, impactAssessmentId: r.impact_assessment_id,
          technicalManagerConsentBy: r.technical_manager_consent_by, customerConsentId: r.customer_consent_id, clearedAt: iso(r.cleared_at)!,
        }
      : undefined;
  }

  async adjustmentConsent(itemId: string): Promise<{ consentId: string; grantedOn: string } | undefined> {
    const [r] = await this.em.query(`select consent_id, granted_on from rm_adjustment_consent where item_id = $1 order by granted_on desc limit 1`, [itemId]);
    return r ? { consentId: r.consent_id, grantedOn: r.granted_on } : undefined;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- database rows
type Row = any;
const toMethod = (r: Row): MethodRow => ({
  methodId: r.method_id, code: r.code, version: r.version, title: r.title, status: r.status, usable: r.usable, effectiveFrom: r.effective_from,
  withdrawnOn: r.withdrawn_on, environmentalLimits: r.environmental_limits, readings: r.readings, measurementModel: r.measurement_model,
  requiredEquipmentKinds: r.required_equipment_kinds,
});
const toEquipment = (r: Row): EquipmentRow => ({
  equipmentId: r.equipment_id, assetNumber: r.asset_number, name: r.name, kind: r.kind, status: r.status, reason: r.reason, usable: r.usable,
  effectiveOn: r.effective_on, lastCalibratedOn: r.last_calibrated_on, dueDate: r.due_date,
});
const toStandard = (r: Row): StandardRow => ({
  standardId: r.standard_id, code: r.code, name: r.name, category: r.category, valid: r.valid, invalidReasons: r.invalid_reasons,
  validUntil: r.valid_until, certificates: r.certificates, equipmentIds: r.equipment_ids, items: r.items,
});
const toAuthorisation = (r: Row): AuthorisationRow => ({
  authorisationId: r.authorisation_id, personId: r.person_id, itemCode: r.item_code, role: r.role, validFrom: r.valid_from, validUntil: r.valid_until,
  endedOn: r.ended_on, endReason: r.end_reason,
});
