import { EntityManager } from 'typeorm';
import { IsoDate } from '@calchain/platform/calendar';
import { MethodVersion } from '../domain/method';

const COLUMNS = `id, code, title, version, type, document_kind as "documentKind", effective_from::text as "effectiveFrom",
  withdrawn_on::text as "withdrawnOn", superseded_by as "supersededBy", validated_on::text as "validatedOn",
  validation_reference as "validationReference", verified_on::text as "verifiedOn", verification_reference as "verificationReference",
  environmental_limits as "environmentalLimits", readings, measurement_model as "measurementModel",
  required_equipment_kinds as "requiredEquipmentKinds", review_interval_months as "reviewIntervalMonths", published_hash as "publishedHash"`;

export type StoredMethod = MethodVersion & { publishedHash: string | null };

/** The method library; always used inside a tenant transaction (row-level security). */
export class MethodRepository {
  constructor(private readonly em: EntityManager) {}

  /** False when the code and version are in the library already. */
  async insert(tenantId: string, m: MethodVersion, createdBy: string): Promise<boolean> {
    const rows = await this.em.query(
      `insert into method (id, tenant_id, code, title, version, type, document_kind, effective_from, environmental_limits, readings,
         measurement_model, required_equipment_kinds, review_interval_months, created_by)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) on conflict (tenant_id, code, version) do nothing returning id`,
      [
        m.id, tenantId, m.code, m.title, m.version, m.type, m.documentKind, m.effectiveFrom, JSON.stringify(m.environmentalLimits),
        JSON.stringify(m.readings), m.measurementModel ? JSON.stringify(m.measurementModel) : null, m.requiredEquipmentKinds, m.reviewIntervalMonths, createdBy,
      ],
    );
    return rows.length === 1;
  }

  async find(id: string, lock = false): Promise<StoredMethod | null> {
    const rows = await this.em.query(`select ${COLUMNS} from method where id = $1 ${lock ? 'for update' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async list(code?: string): Promise<StoredMethod[]> {
    return this.em.query(`select ${COLUMNS} from method where $1::text is null or code = $1 order by code, effective_from desc`, [code ?? null]);
  }

  async setValidated(id: string, on: IsoDate, reference: string): Promise<void> {
    await this.em.query(`update method set validated_on = $2, validation_reference = $3 where id = $1`, [id, on, reference]);
  }

  async setVerified(id: string, on: IsoDate, reference: string): Promise<void> {
    await this.em.query(`update method set verified_on = $2, verification_reference = $3 where id = $1`, [id, on, reference]);
  }

  async setWithdrawn(id: string, on: IsoDate, supersededBy: string | null): Promise<void> {
    await this.em.query(`update method set withdrawn_on = $2, superseded_by = $3 where id = $1`, [id, on, supersededBy]);
  }

  async setPublishedHash(id: string, hash: string): Promise<void> {
    await this.em.query(`update method set published_hash = $2 where id = $1`, [id, hash]);
  }

  async addReview(r: { id: string; tenantId: string; methodId: string; reviewedOn: IsoDate; outcome: string; notes: string; reviewedBy: string }): Promise<void> {
    await this.em.query(
      `insert into method_review (id, tenant_id, method_id, reviewed_on, outcome, notes, reviewed_by) values ($1,$2,$3,$4,$5,$6,$7)`,
      [r.id, r.tenantId, r.methodId, r.reviewedOn, r.outcome, r.notes, r.reviewedBy],
    );
  }

  async reviews(methodId: string): Promise<{ id: string; reviewedOn: IsoDate; outcome: string; notes: string; reviewedBy: string }[]> {
    return this.em.query(
      `select id, reviewed_on::text as "reviewedOn", outcome, notes, reviewed_by as "reviewedBy" from method_review where method_id = $1 order by reviewed_on desc`,
      [methodId],
    );
  }

  async lastReviews(): Promise<Map<string, IsoDate>> {
    const rows = await this.em.query(`select method_id as id, max(reviewed_on)::text as last from method_review group by method_id`);
    return new Map(rows.map((r: { id: string; last: string }) => [r.id, r.last]));
  }
}
