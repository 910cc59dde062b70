import { EntityManager } from 'typeorm';
import { CustomerConsent } from '../domain/consent';
import { Contract, ContractItem, ContractStatus, ContractVersion, formatContractNumber } from '../domain/contract';
import { ContractReview, ReviewCheck } from '../domain/contract-review';
import { Deviation } from '../domain/deviation';
import { Subcontracting } from '../domain/subcontracting';
import { omit } from '../../shared/domain/objects';

const contractColumnsOf = (a: string) => `${a}.id, ${a}.tenant_id as "tenantId", ${a}.number, ${a}.customer_id as "customerId",
  ${a}.contact_id as "contactId", ${a}.status, ${a}.current_version as "currentVersion", ${a}.accepted_version as "acceptedVersion",
  ${a}.created_at as "createdAt", ${a}.created_by as "createdBy"`;
const contractColumns = contractColumnsOf('contract');

const itemColumns = `item_id as "itemId", position, instrument_type as "instrumentType", manufacturer, model, serial_number as "serialNumber",
  accuracy_class as "accuracyClass", range_lower::text as "rangeLower", range_upper::text as "rangeUpper", range_unit as "rangeUnit",
  required_uncertainty::text as "requiredUncertainty", required_uncertainty_unit as "requiredUncertaintyUnit", service_kind as "serviceKind",
  method_code as "methodCode", method_version as "methodVersion", item_code as "itemCode", discipline, place,
  to_char(requested_completion_date, 'YYYY-MM-DD') as "requestedCompletionDate", fee_code as "feeCode", quantity,
  unit_price::text as "unitPrice", price::text as "price", conformity_statement as "conformityStatement", decision_rule as "decisionRule",
  guard_band::text as "guardBand", guard_band_unit as "guardBandUnit", report, requirements`;

interface ItemRow extends Omit<ContractItem, 'range' | 'requiredUncertainty' | 'decisionRule'> {
  rangeLower: string;
  rangeUpper: string;
  rangeUnit: string;
  requiredUncertainty: string | null;
  requiredUncertaintyUnit: string | null;
  decisionRule: 'simple' | 'guarded' | 'non-binary' | null;
  guardBand: string | null;
  guardBandUnit: string | null;
}

const toItem = (r: ItemRow): ContractItem => {
  const { rangeLower, rangeUpper, rangeUnit, requiredUncertainty, requiredUncertaintyUnit, decisionRule, guardBand, guardBandUnit, ...rest } = r;
  return {
    ...rest,
    range: { lower: rangeLower, upper: rangeUpper, unit: rangeUnit },
    requiredUncertainty: requiredUncertainty !== null ? { value: requiredUncertainty, unit: requiredUncertaintyUnit! } : null,
    decisionRule: decisionRule !== null ? { rule: decisionRule, guardBand: guardBand !== null ? { value: guardBand, unit: guardBandUnit! } : null } : null,
  };
};

const consentColumns = `id, customer_id as "customerId", contract_id as "contractId", subject, subject_id as "subjectId", decision, form,
  to_char(given_on, 'YYYY-MM-DD') as "givenOn", contact_id as "contactId", reference, recorded_by as "recordedBy", recorded_at as "recordedAt"`;
const subcontractingColumns = `id, contract_id as "contractId", item_id as "itemId", subcontractor, reason, status, consent_id as "consentId",
  proposed_by as "proposedBy", proposed_at as "proposedAt"`;
const deviationColumns = `id, contract_id as "contractId", contract_version as "contractVersion", item_ids::text[] as "itemIds", requirement, deviation,
  status, consent_id as "consentId", raised_by as "raisedBy", raised_at as "raisedAt", resolved_at as "resolvedAt"`;

export interface ContractFilter {
  status?: ContractStatus;
  customerId?: string;
  number?: string;
}

/** Contracts, versions, reviews, consents, subcontracting and deviations; inside tenant transactions. */
export class ContractRepository {
  constructor(readonly em: EntityManager) {}

  async nextNumber(tenant: string, year: number): Promise<string> {
    const [row] = await this.em.query(
      `insert into contract_number (tenant_id, year, last) values ($1, $2, 1)
       on conflict (tenant_id, year) do update set last = contract_number.last + 1 returning last`,
      [tenant, year],
    );
    return formatContractNumber(year, row.last);
  }

  async insertContract(c: Contract, now: Date): Promise<void> {
    await this.em.query(
      `insert into contract (id, tenant_id, number, customer_id, contact_id, status, current_version, created_by, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [c.id, c.tenantId, c.number, c.customerId, c.contactId, c.status, c.currentVersion, c.createdBy, now],
    );
  }

  /** The contract, locked for the rest of the transaction: one change at a time per contract. */
  async lock(id: string): Promise<Contract | null> {
    const [row] = await this.em.query(`select ${contractColumns} from contract where id = $1 for update`, [id]);
    return row ?? null;
  }

  async find(id: string): Promise<Contract | null> {
    const [row] = await this.em.query(`select ${contractColumns} from contract where id = $1`, [id]);
    return row ?? null;
  }

  async list(filter: ContractFilter, limit: number, offset: number): Promise<{ rows: (Contract & { customerName: string })[]; total: number }> {
    const where = `where ($1::text is null or c.status = $1) and ($2::uuid is null or c.customer_id = $2::uuid) and ($3::text is null or c.number ilike $3 || '%')`;
    const params = [filter.status ?? null, filter.customerId ?? null, filter.number ?? null];
    const rows = await this.em.query(
      `select ${contractColumnsOf('c')}, cu.name as "customerName"
         from contract c join customer cu on cu.id = c.customer_id ${where} order by c.created_at desc, c.id limit $4 offset $5`,
      [...params, limit, offset],
    );
    const [{ total }] = await this.em.query(`select count(*)::int as total from contract c ${where}`, params);
    return { rows, total };
  }

  async setStatus(id: string, status: ContractStatus, now: Date, currentVersion?: number): Promise<void> {
    await this.em.query(`update contract set status = $2, current_version = coalesce($4, current_version), updated_at = $3 where id = $1`, [id, status, now, currentVersion ?? null]);
  }

  async markAccepted(id: string, version: number, reviewId: string, by: string, now: Date): Promise<void> {
    await this.em.query(
      `update contract set status = 'accepted', accepted_version = $2, accepted_review_id = $3, accepted_by = $4, accepted_at = $5, updated_at = $5 where id = $1`,
      [id, version, reviewId, by, now],
    );
  }

  async insertVersion(tenant: string, v: ContractVersion): Promise<void> {
    await this.em.query(
      `insert into contract_version (id, tenant_id, contract_id, version, written_requirements, oral_requirements, change_reason, total, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [v.id, tenant, v.contractId, v.version, v.writtenRequirements, JSON.stringify(v.oralRequirements), v.changeReason, v.total, v.createdBy, v.createdAt],
    );
    for (const i of v.items) {
      await this.em.query(
        `insert into contract_item (id, tenant_id, contract_version_id, item_id, position, instrument_type, manufacturer, model, serial_number, accuracy_class,
           range_lower, range_upper, range_unit, required_uncertainty, required_uncertainty_unit, service_kind, method_code, method_version, item_code,
           discipline, place, requested_completion_date, fee_code, quantity, unit_price, price, conformity_statement, decision_rule, guard_band,
           guard_band_unit, report, requirements)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
           $26, $27, $28, $29, $30, $31)`,
        [
          tenant, v.id, i.itemId, i.position, i.instrumentType, i.manufacturer, i.model, i.serialNumber, i.accuracyClass, i.range.lower, i.range.upper,
          i.range.unit, i.requiredUncertainty?.value ?? null, i.requiredUncertainty?.unit ?? null, i.serviceKind, i.methodCode, i.methodVersion, i.itemCode,
          i.discipline, i.place, i.requestedCompletionDate, i.feeCode, i.quantity, i.unitPrice, i.price, i.conformityStatement,
          i.decisionRule?.rule ?? null, i.decisionRule?.guardBand?.value ?? null, i.decisionRule?.guardBand?.unit ?? null, i.report, i.requirements,
        ],
      );
    }
  }

  async version(contractId: string, version: number): Promise<ContractVersion | null> {
    const [row] = await this.em.query(
      `select id, contract_id as "contractId", version, written_requirements as "writtenRequirements", oral_requirements as "oralRequirements",
              change_reason as "changeReason", total::text as total, created_by as "createdBy", created_at as "createdAt"
         from contract_version where contract_id = $1 and version = $2`,
      [contractId, version],
    );
    if (!row) return null;
    const items: ItemRow[] = await this.em.query(`select ${itemColumns} from contract_item where contract_version_id = $1 order by position`, [row.id]);
    return { ...row, items: items.map(toItem) };
  }

  async versions(contractId: string): Promise<{ version: number; changeReason: string | null; createdAt: Date; createdBy: string; total: string }[]> {
    return this.em.query(
      `select version, change_reason as "changeReason", created_at as "createdAt", created_by as "createdBy", total::text as total
         from contract_version where contract_id = $1 order by version`,
      [contractId],
    );
  }

  /** The item as it stands in the latest version that has it (items keep their id across versions). */
  async latestItem(itemId: string): Promise<(ContractItem & { contractId: string; version: number }) | null> {
    const [row] = await this.em.query(
      `select ${itemColumns}, v.contract_id as "contractId", v.version
         from contract_item i join contract_version v on v.id = i.contract_version_id
        where i.item_id = $1 order by v.version desc limit 1`,
      [itemId],
    );
    return row ? { ...toItem(row), contractId: row.contractId, version: row.version } : null;
  }

  async insertReview(tenant: string, r: ContractReview): Promise<void> {
    await this.em.query(
      `insert into contract_review (id, tenant_id, contract_id, contract_version, trigger, outcome, as_of, customer_must_be_told, reviewed_by, reviewed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [r.id, tenant, r.contractId, r.contractVersion, r.trigger, r.outcome, r.asOf, r.customerMustBeTold, r.reviewedBy, r.reviewedAt],
    );
    let position = 0;
    for (const c of r.checks) {
      await this.em.query(
        `insert into review_check (id, tenant_id, review_id, position, item_id, check_name, outcome, requirement, finding, customer_must_be_told, evidence)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [tenant, r.id, ++position, c.itemId, c.check, c.outcome, c.requirement, c.finding, c.customerMustBeTold, JSON.stringify(c.evidence)],
      );
    }
  }

  private async reviewsWhere(where: string, params: unknown[]): Promise<ContractReview[]> {
    const heads = await this.em.query(
      `select id, contract_id as "contractId", contract_version as "contractVersion", trigger, outcome, to_char(as_of, 'YYYY-MM-DD') as "asOf",
              customer_must_be_told as "customerMustBeTold", reviewed_by as "reviewedBy", reviewed_at as "reviewedAt"
         from contract_review ${where} order by reviewed_at, id`,
      params,
    );
    if (heads.length === 0) return [];
    const checks: (ReviewCheck & { reviewId: string })[] = await this.em.query(
      `select review_id as "reviewId", item_id as "itemId", check_name as "check", outcome, requirement, finding, customer_must_be_told as "customerMustBeTold", evidence
         from review_check where review_id = any($1::uuid[]) order by review_id, position`,
      [heads.map((h: { id: string }) => h.id)],
    );
    return heads.map((h: ContractReview) => ({ ...h, checks: checks.filter((c) => c.reviewId === h.id).map((c) => omit(c, 'reviewId')) }));
  }

  reviews(contractId: string): Promise<ContractReview[]> {
    return this.reviewsWhere('where contract_id = $1', [contractId]);
  }

  async review(id: string): Promise<ContractReview | null> {
    return (await this.reviewsWhere('where id = $1', [id]))[0] ?? null;
  }

  async latestReview(contractId: string): Promise<ContractReview | null> {
    const all = await this.reviews(contractId);
    return all[all.length - 1] ?? null;
  }

  async insertConsent(tenant: string, c: CustomerConsent): Promise<void> {
    await this.em.query(
      `insert into customer_consent (id, tenant_id, customer_id, contract_id, subject, subject_id, decision, form, given_on, contact_id, reference, recorded_by, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [c.id, tenant, c.customerId, c.contractId, c.subject, c.subjectId, c.decision, c.form, c.givenOn, c.contactId, c.reference, c.recordedBy, c.recordedAt],
    );
  }

  consents(contractId: string): Promise<CustomerConsent[]> {
    return this.em.query(`select ${consentColumns} from customer_consent where contract_id = $1 order by recorded_at, id`, [contractId]);
  }

  async contactIds(customerId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(`select id from customer_contact where customer_id = $1`, [customerId]);
    return rows.map((r) => r.id);
  }

  async insertSubcontracting(tenant: string, s: Subcontracting): Promise<void> {
    await this.em.query(
      `insert into subcontracting (id, tenant_id, contract_id, item_id, subcontractor, reason, status, consent_id, proposed_by, proposed_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [s.id, tenant, s.contractId, s.itemId, s.subcontractor, s.reason, s.status, s.consentId, s.proposedBy, s.proposedAt],
    );
  }

  async updateSubcontracting(s: Subcontracting): Promise<void> {
    await this.em.query(`update subcontracting set status = $2, consent_id = $3 where id = $1`, [s.id, s.status, s.consentId]);
  }

  subcontracting(contractId: string): Promise<Subcontracting[]> {
    return this.em.query(`select ${subcontractingColumns} from subcontracting where contract_id = $1 order by proposed_at, id`, [contractId]);
  }

  async insertDeviation(tenant: string, d: Deviation): Promise<void> {
    await this.em.query(
      `insert into deviation (id, tenant_id, contract_id, contract_version, item_ids, requirement, deviation, status, consent_id, raised_by, raised_at, resolved_at)
       values ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, $11, $12)`,
      [d.id, tenant, d.contractId, d.contractVersion, d.itemIds, d.requirement, d.deviation, d.status, d.consentId, d.raisedBy, d.raisedAt, d.resolvedAt],
    );
  }

  async updateDeviation(d: Deviation): Promise<void> {
    await this.em.query(`update deviation set status = $2, consent_id = $3, resolved_at = $4 where id = $1`, [d.id, d.status, d.consentId, d.resolvedAt]);
  }

  deviations(contractId: string): Promise<Deviation[]> {
    return this.em.query(`select ${deviationColumns} from deviation where contract_id = $1 order by raised_at, id`, [contractId]);
  }

  /** Deviations that list any of these items, in any contract. */
  deviationsOfItems(itemIds: string[]): Promise<Deviation[]> {
    return this.em.query(`select ${deviationColumns} from deviation where item_ids && $1::uuid[] order by raised_at, id`, [itemIds]);
  }
}
