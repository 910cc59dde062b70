import { EntityManager } from 'typeorm';
import { IsoDate } from '@calchain/platform/calendar';
import { EquipmentKind, EquipmentRecord } from '../domain/equipment';
import { EquipmentStatus, StatusFacts, StatusReason, SuspensionReason } from '../domain/equipment-status';
import { CalibrationPoint } from '../domain/metrological-confirmation';
import { CalibrationLinkFact } from '../domain/traceability';

/** Columns read back as text (dates) so no value passes through a local-time Date or a float. */
const EQUIPMENT_COLUMNS = `
  e.id, e.tenant_id as "tenantId", e.asset_number as "assetNumber", e.name, e.kind, e.equipment_type as "equipmentType",
  e.manufacturer, e.model, e.serial_number as "serialNumber", e.measuring_range as "measuringRange", e.location,
  e.owner_section as "ownerSection", e.responsible_id as "responsibleId", e.storage_conditions as "storageConditions",
  e.commissioned_on::text as "commissionedOn", e.calibration_required as "calibrationRequired",
  e.calibration_interval_months as "calibrationIntervalMonths", e.due_warning_days as "dueWarningDays",
  e.confirmation_mpe::text as "confirmationMpe", e.confirmation_unit as "confirmationUnit", e.confirmation_rule as "confirmationRule",
  e.retired_on::text as "retiredOn", e.retirement_reason as "retirementReason", e.public_id as "publicId", e.created_by as "createdBy"`;

interface EquipmentRow extends Omit<EquipmentRecord, 'confirmation'> {
  confirmationMpe: string | null;
  confirmationUnit: string | null;
  confirmationRule: 'simple' | 'guarded' | null;
}

const toRecord = ({ confirmationMpe, confirmationUnit, confirmationRule, ...row }: EquipmentRow): EquipmentRecord => ({
  ...row,
  confirmation: confirmationMpe ? { mpe: confirmationMpe, unit: confirmationUnit, rule: confirmationRule ?? 'guarded' } : null,
});

/** Everything the status of one piece of equipment is derived from, on one day, plus what was last announced. */
export interface StatusRow extends StatusFacts {
  id: string;
  assetNumber: string;
  name: string;
  kind: EquipmentKind;
  published: { status: EquipmentStatus; reason: StatusReason; dueDate: IsoDate | null } | null;
  measurementStandardIds: string[];
}

export interface CalibrationRecord {
  id: string;
  equipmentId: string;
  serviceKind: 'calibration' | 'verification';
  certificateNumber: string;
  issuer: string;
  calibratedOn: IsoDate;
  validUntil: IsoDate | null;
  reference: CalibrationLinkFact['reference'];
  results: CalibrationPoint[];
  recordedBy: string;
}

export interface SuspensionRecord {
  id: string;
  equipmentId: string;
  kind: 'suspended' | 'out-of-service';
  reasonCode: SuspensionReason;
  reason: string;
  sourceId: string | null;
  startedOn: IsoDate;
  startedBy: string;
  liftedOn: IsoDate | null;
  liftedBy: string | null;
  liftReason: string | null;
}

/** The equipment ledger in the equipment schema; always used inside a tenant transaction (row-level security). */
export class EquipmentRepository {
  constructor(private readonly em: EntityManager) {}

  /** Makes the institution known to the daily status sweep. */
  async registerTenant(tenantId: string): Promise<void> {
    await this.em.query(`insert into tenant_directory (tenant_id) values ($1) on conflict do nothing`, [tenantId]);
  }

  /** False when the asset number is taken (checked by the unique key, not by a racy read). */
  async insert(e: EquipmentRecord): Promise<boolean> {
    const rows = await this.em.query(
      `insert into equipment (id, tenant_id, asset_number, name, kind, equipment_type, manufacturer, model, serial_number, measuring_range,
         location, owner_section, responsible_id, storage_conditions, commissioned_on, calibration_required, calibration_interval_months,
         due_warning_days, confirmation_mpe, confirmation_unit, confirmation_rule, public_id, created_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)
       on conflict (tenant_id, asset_number) do nothing returning id`,
      [
        e.id, e.tenantId, e.assetNumber, e.name, e.kind, e.equipmentType, e.manufacturer, e.model, e.serialNumber, e.measuringRange,
        e.location, e.ownerSection, e.responsibleId, e.storageConditions, e.commissionedOn, e.calibrationRequired, e.calibrationIntervalMonths,
        e.dueWarningDays, e.confirmation?.mpe ?? null, e.confirmation?.unit ?? null, e.confirmation?.rule ?? null, e.publicId, e.createdBy,
      ],
    );
    return rows.length === 1;
  }

  /** Reads (and with `lock`, locks) one piece of equipment, so changes to it take turns. */
  async find(id: string, lock = false): Promise<EquipmentRecord | null> {
    const rows: EquipmentRow[] = await this.em.query(`select ${EQUIPMENT_COLUMNS} from equipment e where e.id = $1 ${lock ? 'for update' : ''}`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByPublicId(publicId: string): Promise<EquipmentRecord | null> {
    const rows: EquipmentRow[] = await this.em.query(`select ${EQUIPMENT_COLUMNS} from equipment e where e.public_id = $1`, [publicId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(): Promise<EquipmentRecord[]> {
    const rows: EquipmentRow[] = await this.em.query(`select ${EQUIPMENT_COLUMNS} from equipment e order by e.asset_number`);
    return rows.map(toRecord);
  }

  async update(e: EquipmentRecord): Promise<void> {
    await this.em.query(
      `update equipment set name = $2, location = $3, owner_section = $4, responsible_id = $5, storage_conditions = $6,
         calibration_interval_months = $7, due_warning_days = $8, confirmation_mpe = $9, confirmation_unit = $10, confirmation_rule = $11,
         measuring_range = $12, retired_on = $13, retirement_reason = $14, calibration_required = $15
       where id = $1`,
      [
        e.id, e.name, e.location, e.ownerSection, e.responsibleId, e.storageConditions, e.calibrationIntervalMonths, e.dueWarningDays,
        e.confirmation?.mpe ?? null, e.confirmation?.unit ?? null, e.confirmation?.rule ?? null, e.measuringRange, e.retiredOn,
        e.retirementReason, e.calibrationRequired,
      ],
    );
  }

  async addHistory(tenantId: string, equipmentId: string, event: string, detail: Record<string, unknown>, actor: string): Promise<void> {
    await this.em.query(
      `insert into equipment_history (tenant_id, equipment_id, event, detail, actor) values ($1, $2, $3, $4, $5)`,
      [tenantId, equipmentId, event, JSON.stringify(detail), actor],
    );
  }

  async history(equipmentId: string): Promise<{ at: Date; event: string; detail: Record<string, unknown>; actor: string }[]> {
    return this.em.query(`select at, event, detail, actor from equipment_history where equipment_id = $1 order by seq`, [equipmentId]);
  }

  async addDocument(doc: { id: string; tenantId: string; equipmentId: string; kind: string; title: string; reference: string; addedBy: string }): Promise<void> {
    await this.em.query(
      `insert into equipment_document (id, tenant_id, equipment_id, kind, title, reference, added_by) values ($1,$2,$3,$4,$5,$6,$7)`,
      [doc.id, doc.tenantId, doc.equipmentId, doc.kind, doc.title, doc.reference, doc.addedBy],
    );
  }

  async documents(equipmentId: string): Promise<{ id: string; kind: string; title: string; reference: string; addedAt: Date; addedBy: string }[]> {
    return this.em.query(
      `select id, kind, title, reference, added_at as "addedAt", added_by as "addedBy" from equipment_document where equipment_id = $1 order by added_at`,
      [equipmentId],
    );
  }

  /**
   * The status facts of some (or all) equipment as they stood on a day: the calibration in force
   * then and the suspensions open then. One query, so the daily sweep stays cheap.
   */
  async statusFacts(on: IsoDate, ids: string[] | null = null): Promise<StatusRow[]> {
    const rows: {
      id: string; assetNumber: string; name: string; kind: EquipmentKind; calibrationRequired: boolean; intervalMonths: number | null;
      dueWarningDays: number; retiredOn: string | null; publishedStatus: EquipmentStatus | null; publishedReason: StatusReason | null;
      publishedDueDate: string | null; calibratedOn: string | null; validUntil: string | null;
      suspensions: StatusFacts['openSuspensions']; standardIds: string[];
    }[] = await this.em.query(
      `select e.id, e.asset_number as "assetNumber", e.name, e.kind, e.calibration_required as "calibrationRequired",
              e.calibration_interval_months as "intervalMonths", e.due_warning_days as "dueWarningDays", e.retired_on::text as "retiredOn",
              e.published_status as "publishedStatus", e.published_reason as "publishedReason", e.published_due_date::text as "publishedDueDate",
              c.calibrated_on::text as "calibratedOn", c.valid_until::text as "validUntil",
              coalesce((select json_agg(json_build_object('kind', s.kind, 'reasonCode', s.reason_code, 'startedOn', s.started_on::text) order by s.started_on)
                          from equipment_suspension s
                         where s.equipment_id = e.id and s.started_on <= $1 and (s.lifted_on is null or s.lifted_on > $1)), '[]'::json) as suspensions,
              coalesce((select array_agg(m.standard_id::text order by m.standard_id) from measurement_standard_equipment m where m.equipment_id = e.id), '{}') as "standardIds"
         from equipment e
         left join lateral (
           select calibrated_on, valid_until from calibration
            where equipment_id = e.id and calibrated_on <= $1
            order by calibrated_on desc, recorded_at desc limit 1) c on true
        where $2::uuid[] is null or e.id = any($2::uuid[])
        order by e.asset_number`,
      [on, ids],
    );
    return rows.map((r) => ({
      id: r.id,
      assetNumber: r.assetNumber,
      name: r.name,
      kind: r.kind,
      calibrationRequired: r.calibrationRequired,
      intervalMonths: r.intervalMonths,
      dueWarningDays: r.dueWarningDays,
      retiredOn: r.retiredOn,
      lastCalibration: r.calibratedOn ? { calibratedOn: r.calibratedOn, validUntil: r.validUntil } : null,
      openSuspensions: r.suspensions,
      published: r.publishedStatus ? { status: r.publishedStatus, reason: r.publishedReason!, dueDate: r.publishedDueDate } : null,
      measurementStandardIds: r.standardIds,
    }));
  }

  async setPublished(id: string, status: EquipmentStatus, reason: StatusReason, dueDate: IsoDate | null): Promise<void> {
    await this.em.query(`update equipment set published_status = $2, published_reason = $3, published_due_date = $4 where id = $1`, [
      id, status, reason, dueDate,
    ]);
  }

  /** False when the certificate is recorded for this equipment already. */
  async insertCalibration(tenantId: string, c: CalibrationRecord): Promise<boolean> {
    const ext = c.reference.kind === 'external' ? c.reference : null;
    const rows = await this.em.query(
      `insert into calibration (id, tenant_id, equipment_id, service_kind, certificate_number, issuer, calibrated_on, valid_until,
         reference_kind, reference_equipment_id, reference_name, reference_certificate_number, reference_valid_until, traceable_to,
         national_standard, comparison_evidence, results, recorded_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)
       on conflict (tenant_id, equipment_id, certificate_number) do nothing returning id`,
      [
        c.id, tenantId, c.equipmentId, c.serviceKind, c.certificateNumber, c.issuer, c.calibratedOn, c.validUntil, c.reference.kind,
        c.reference.kind === 'own-equipment' ? c.reference.equipmentId : null, ext?.name ?? null, ext?.certificateNumber ?? null,
        ext?.validUntil ?? null, ext?.traceableTo ?? null, ext?.nationalStandard ?? null, ext?.comparisonEvidence ?? null,
        JSON.stringify(c.results), c.recordedBy,
      ],
    );
    return rows.length === 1;
  }

  /** Calibrations of some (or all) equipment, newest first. */
  async calibrations(equipmentId: string | null = null): Promise<CalibrationRecord[]> {
    const rows: (Omit<CalibrationRecord, 'reference'> & Record<string, unknown>)[] = await this.em.query(
      `select id, equipment_id as "equipmentId", service_kind as "serviceKind", certificate_number as "certificateNumber", issuer,
              calibrated_on::text as "calibratedOn", valid_until::text as "validUntil", reference_kind as "referenceKind",
              reference_equipment_id as "referenceEquipmentId", reference_name as "referenceName",
              reference_certificate_number as "referenceCertificateNumber", reference_valid_until::text as "referenceValidUntil",
              traceable_to as "traceableTo", national_standard as "nationalStandard", comparison_evidence as "comparisonEvidence",
              results, recorded_by as "recordedBy"
         from calibration where $1::uuid is null or equipment_id = $1
        order by calibrated_on desc, recorded_at desc`,
      [equipmentId],
    );
    return rows.map((r) => ({
      id: r.id,
      equipmentId: r.equipmentId,
      serviceKind: r.serviceKind,
      certificateNumber: r.certificateNumber,
      issuer: r.issuer,
      calibratedOn: r.calibratedOn,
      validUntil: r.validUntil,
      results: r.results,
      recordedBy: r.recordedBy,
      reference:
        r['referenceKind'] === 'own-equipment'
          ? { kind: 'own-equipment', equipmentId: r['referenceEquipmentId'] as string }
          : {
              kind: 'external',
              name: r['referenceName'] as string | null,
              certificateNumber: r['referenceCertificateNumber'] as string | null,
              validUntil: r['referenceValidUntil'] as string | null,
              traceableTo: r['traceableTo'] as 'national-primary-standard' | 'alternative-reference' | null,
              nationalStandard: r['nationalStandard'] as string | null,
              comparisonEvidence: r['comparisonEvidence'] as string | null,
            },
    }));
  }

  async insertConfirmation(row: {
    id: string; tenantId: string; equipmentId: string; calibrationId: string; decidedOn: IsoDate; outcome: string; rule: string;
    mpe: string; unit: string | null; points: unknown;
  }): Promise<void> {
    await this.em.query(
      `insert into metrological_confirmation (id, tenant_id, equipment_id, calibration_id, decided_on, outcome, rule, mpe, unit, points)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [row.id, row.tenantId, row.equipmentId, row.calibrationId, row.decidedOn, row.outcome, row.rule, row.mpe, row.unit, JSON.stringify(row.points)],
    );
  }

  async confirmations(equipmentId: string): Promise<unknown[]> {
    return this.em.query(
      `select id, calibration_id as "calibrationId", decided_on::text as "decidedOn", outcome, rule, mpe::text as mpe, unit, points
         from metrological_confirmation where equipment_id = $1 order by decided_on desc`,
      [equipmentId],
    );
  }

  async insertSuspension(tenantId: string, s: SuspensionRecord): Promise<void> {
    await this.em.query(
      `insert into equipment_suspension (id, tenant_id, equipment_id, kind, reason_code, reason, source_id, started_on, started_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [s.id, tenantId, s.equipmentId, s.kind, s.reasonCode, s.reason, s.sourceId, s.startedOn, s.startedBy],
    );
  }

  async suspensions(equipmentId: string): Promise<SuspensionRecord[]> {
    return this.em.query(
      `select id, equipment_id as "equipmentId", kind, reason_code as "reasonCode", reason, source_id as "sourceId",
              started_on::text as "startedOn", started_by as "startedBy", lifted_on::text as "liftedOn", lifted_by as "liftedBy",
              lift_reason as "liftReason"
         from equipment_suspension where equipment_id = $1 order by started_on, id`,
      [equipmentId],
    );
  }

  async liftSuspension(id: string, liftedOn: IsoDate, liftedBy: string, reason: string): Promise<void> {
    await this.em.query(`update equipment_suspension set lifted_on = $2, lifted_by = $3, lift_reason = $4 where id = $1 and lifted_on is null`, [
      id, liftedOn, liftedBy, reason,
    ]);
  }
}
