import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayloadOf } from '@calchain/contracts';
import { Caller, ProblemException, TenantTransactions } from '@calchain/platform';
import { CERTIFICATE_SETTINGS, CertificateSettings } from '../../shared/settings';
import { customerScope, visibleTo } from '../domain/audience';
import { ApprovedRecord, CertificateContent, contentFromRecord, kindFor, RecalibrationInterval, RuleName } from '../domain/content';
import { conformityStatements, intervalBreaches, issueBreaches, RuleBreach } from '../domain/rules';
import * as repo from '../infrastructure/certificate.repository';

export function breachProblem(breaches: RuleBreach[]): ProblemException {
  const first = breaches[0]!;
  const problem = ProblemException.ruleViolation(first.requirement, breaches.map((b) => b.message).join('; '), first.field, first.rule);
  problem.problem.errors = breaches.map((b) => ({ field: b.field, rule: b.rule, message: b.message, requirement: b.requirement }));
  return problem;
}

type ContractAccepted = PayloadOf<'intake.contract.accepted'>;

interface RuleLogEntry {
  action: 'agreed' | 'withdrawn' | 'overridden' | 'kept-override';
  source: 'contract-review' | 'manual-override';
  rule: RuleName | null;
  guardBand: string | null;
  guardBandUnit: string | null;
  contractId: string | null;
  contractNumber: string | null;
  contractVersion: number | null;
  actor: string;
  reason: string | null;
  eventId: string | null;
}

/** Every change of the agreed-rule read model, append-only (R-6.4.2.3). */
async function logRule(em: EntityManager, tenant: string, itemId: string, e: RuleLogEntry): Promise<void> {
  await em.query(
    `insert into decision_rule_log (tenant_id, item_id, action, source, rule, guard_band, guard_band_unit, contract_id, contract_number, contract_version, actor, reason, event_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [tenant, itemId, e.action, e.source, e.rule, e.guardBand, e.guardBandUnit, e.contractId, e.contractNumber, e.contractVersion, e.actor, e.reason, e.eventId],
  );
}

export interface DraftEdit {
  omittedFromStatement?: { resultId: string; reason: string }[];
  recalibrationInterval?: RecalibrationInterval | null;
  remarks?: string[];
}

/** Certificate drafts (R-6.4.1, R-6.4.2.x): created from approved records, edited only where the standard allows. */
@Injectable()
export class DraftsService {
  constructor(
    private readonly tx: TenantTransactions,
    @Inject(CERTIFICATE_SETTINGS) private readonly settings: CertificateSettings,
  ) {}

  /** records.record.approved → a draft (once per record version; a redelivery changes nothing). */
  async fromApprovedRecord(em: EntityManager, tenant: string, record: ApprovedRecord): Promise<string | null> {
    const [existing] = await em.query(`select id from certificate where record_id = $1 and record_version = $2 and supplement_to is null`, [record.recordId, record.recordVersion]);
    if (existing) return null;
    const inst = await repo.institution(em, tenant);
    const facts = await repo.contractItem(em, record.itemId);
    const content = contentFromRecord(record, { id: tenant, name: inst.name }, facts?.report ?? 'certificate');
    content.decisionRule = await repo.agreedRule(em, record.itemId);
    content.customer = facts?.customer ?? null;
    const id = randomUUID();
    // R-6.4.4.3: a corrected record version after issue is a reissue of the certificate, never a second one.
    const [issued] = await em.query(`select id from certificate where record_id = $1 and status = 'issued' and supplement_to is null order by issued_at desc limit 1`, [record.recordId]);
    const reason = issued ? `record ${record.recordNumber} corrected to version ${record.recordVersion}` : null;
    await repo.insertDraft(em, { id, tenant, content, replaces: issued?.id ?? null, reason });
    for (const s of record.measurementStandards) await em.query(`insert into certificate_standard (tenant_id, certificate_id, standard_id) values ($1, $2, $3)`, [tenant, id, s.standardId]);
    for (const e of record.equipment) await em.query(`insert into certificate_standard (tenant_id, certificate_id, equipment_id) values ($1, $2, $3)`, [tenant, id, e.equipmentId]);
    await repo.log(em, tenant, id, 'draft-created', 'system:records-events', { recordId: record.recordId, recordVersion: record.recordVersion });
    return id;
  }

  /** R-6.4.2.3, R-6.4.2.5: omissions (kept, with reason), a recalibration interval with its basis, remarks. */
  async edit(caller: Caller, id: string, edit: DraftEdit) {
    return this.tx.run(caller.tenant, async (em) => {
      const row = await this.draft(em, id);
      const content = { ...row.content };
      if (edit.omittedFromStatement) {
        const known = new Set(content.results.map((r) => r.resultId));
        const unknown = edit.omittedFromStatement.findIndex((o) => !known.has(o.resultId));
        if (unknown >= 0) throw ProblemException.validation([{ field: `omittedFromStatement[${unknown}].resultId`, rule: 'known-result', message: 'no such result in the record' }]);
        content.omittedFromStatement = edit.omittedFromStatement;
      }
      if (edit.recalibrationInterval !== undefined) {
        const breaches = intervalBreaches(edit.recalibrationInterval);
        if (breaches.length) throw breachProblem(breaches);
        content.recalibrationInterval = edit.recalibrationInterval;
      }
      if (edit.remarks) content.remarks = edit.remarks;
      await repo.saveDraftContent(em, id, content);
      await repo.log(em, caller.tenant, id, 'draft-edited', caller.subject, { fields: Object.keys(edit) });
      return this.view(em, id);
    });
  }

  /**
   * Manual override of the decision rule of an item by the technical manager (R-6.4.2.3, R-6.1.2):
   * normally the rule arrives with `intake.contract.accepted`; an override is recorded in
   * `decision_rule_log` with who and why, and drafts not yet signed pick it up.
   */
  async agreeRule(caller: Caller, itemId: string, body: { rule: RuleName; guardBand: string | null; contractNumber: string | null; reason?: string | null }) {
    return this.tx.run(caller.tenant, async (em) => {
      const [previous] = await em.query(`select source from agreed_decision_rule where item_id = $1`, [itemId]);
      await em.query(
        `insert into agreed_decision_rule (tenant_id, item_id, rule, guard_band, contract_number, agreed_at, source, set_by, reason)
         values ($1, $2, $3, $4, $5, now(), 'manual-override', $6, $7)
         on conflict (tenant_id, item_id) do update set rule = excluded.rule, guard_band = excluded.guard_band, guard_band_unit = null,
           contract_number = excluded.contract_number, agreed_at = now(), source = 'manual-override', set_by = excluded.set_by, reason = excluded.reason`,
        [caller.tenant, itemId, body.rule, body.guardBand, body.contractNumber, caller.subject, body.reason ?? null],
      );
      await logRule(em, caller.tenant, itemId, {
        action: previous ? 'overridden' : 'agreed', source: 'manual-override', rule: body.rule, guardBand: body.guardBand, guardBandUnit: null,
        contractId: null, contractNumber: body.contractNumber, contractVersion: null, actor: caller.subject, reason: body.reason ?? null, eventId: null,
      });
      return this.refreshDrafts(em, itemId);
    });
  }

  /**
   * intake.contract.accepted v1 → the rule agreed at contract review, per item (R-6.1.2, R-6.4.2.3).
   * Items without the (optional) field come from an older producer and change nothing; a `null`
   * rule (no conformity statement) withdraws an earlier review's rule. A newer contract version
   * wins over an older one; a technical manager's override made after this acceptance is kept.
   */
  async fromContractAccepted(em: EntityManager, tenant: string, eventId: string, accepted: ContractAccepted): Promise<void> {
    await this.keepContractItems(em, tenant, accepted);
    const acceptedAt = new Date(accepted.acceptedAt);
    for (const item of accepted.items) {
      if (item.decisionRule === undefined || item.disposition === 'cancelled') continue;
      const [current] = await em.query(
        `select source, contract_id, contract_version, agreed_at from agreed_decision_rule where item_id = $1 for update`,
        [item.itemId],
      );
      const entry = {
        source: 'contract-review' as const, contractId: accepted.contractId, contractNumber: accepted.contractNumber,
        contractVersion: accepted.version, actor: 'system:intake-events', reason: null, eventId,
      };
      if (current?.source === 'manual-override' && new Date(current.agreed_at) > acceptedAt) {
        await logRule(em, tenant, item.itemId, { ...entry, action: 'kept-override', rule: item.decisionRule?.rule ?? null, guardBand: item.decisionRule?.guardBand ?? null, guardBandUnit: item.decisionRule?.guardBandUnit ?? null });
        continue;
      }
      if (current?.source === 'contract-review' && current.contract_id === accepted.contractId && current.contract_version > accepted.version) continue;
      const rule = item.decisionRule;
      if (rule === null) {
        if (!current) continue;
        await em.query(`delete from agreed_decision_rule where item_id = $1`, [item.itemId]);
        await logRule(em, tenant, item.itemId, { ...entry, action: 'withdrawn', rule: null, guardBand: null, guardBandUnit: null });
      } else {
        await em.query(
          `insert into agreed_decision_rule (tenant_id, item_id, rule, guard_band, guard_band_unit, contract_number, agreed_at, source, contract_id, contract_version, set_by, reason)
           values ($1, $2, $3, $4, $5, $6, $7, 'contract-review', $8, $9, 'system:intake-events', null)
           on conflict (tenant_id, item_id) do update set rule = excluded.rule, guard_band = excluded.guard_band, guard_band_unit = excluded.guard_band_unit,
             contract_number = excluded.contract_number, agreed_at = excluded.agreed_at, source = excluded.source, contract_id = excluded.contract_id,
             contract_version = excluded.contract_version, set_by = excluded.set_by, reason = null`,
          [tenant, item.itemId, rule.rule, rule.guardBand ?? null, rule.guardBandUnit ?? null, accepted.contractNumber, accepted.acceptedAt, accepted.contractId, accepted.version],
        );
        await logRule(em, tenant, item.itemId, { ...entry, action: 'agreed', rule: rule.rule, guardBand: rule.guardBand ?? null, guardBandUnit: rule.guardBandUnit ?? null });
      }
      await this.refreshDrafts(em, item.itemId);
    }
  }

  /**
   * R-6.4.2.1, R-6.4.3: the customer organisation named on the certificate and the report the
   * customer asked for, per item; an older contract version never overwrites a newer one. Drafts
   * not yet signed pick both up (a requested test report changes the draft's kind).
   */
  private async keepContractItems(em: EntityManager, tenant: string, accepted: ContractAccepted): Promise<void> {
    for (const item of accepted.items) {
      if (item.disposition === 'cancelled') continue;
      const changed = await em.query(
        `insert into contract_item (tenant_id, item_id, customer_id, customer_name, customer_address, report, contract_id, contract_version)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (tenant_id, item_id) do update set customer_id = excluded.customer_id, customer_name = excluded.customer_name,
           customer_address = excluded.customer_address, report = excluded.report, contract_id = excluded.contract_id, contract_version = excluded.contract_version
         where contract_item.contract_id <> excluded.contract_id or contract_item.contract_version <= excluded.contract_version
         returning item_id`,
        [tenant, item.itemId, accepted.customerId, accepted.customer?.name ?? null, accepted.customer?.address ?? null, item.report ?? null, accepted.contractId, accepted.version],
      );
      if (!changed.length) continue;
      const facts = await repo.contractItem(em, item.itemId);
      for (const d of await em.query(`select id from certificate where item_id = $1 and status = 'draft'`, [item.itemId])) {
        const row = (await repo.findCertificate(em, d.id))!;
        const content: CertificateContent = { ...row.content, customer: facts?.customer ?? null };
        if (row.content.serviceKind && !row.replaces && !row.supplement_to) content.kind = kindFor(row.content.serviceKind, false, facts?.report ?? 'certificate');
        await repo.saveDraftContent(em, d.id, content);
      }
    }
  }

  /** The current rule of an item, where it came from, and its log (R-6.4.2.3). */
  ruleOf(caller: Caller, itemId: string) {
    return this.tx.read(caller.tenant, async (em) => {
      const [row] = await em.query(`select source, contract_id, contract_version, guard_band_unit, set_by, reason from agreed_decision_rule where item_id = $1`, [itemId]);
      const log = await em.query(
        `select action, source, rule, guard_band::text as "guardBand", guard_band_unit as "guardBandUnit", contract_id as "contractId",
                contract_number as "contractNumber", contract_version as "contractVersion", actor, reason, event_id as "eventId",
                to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt"
           from decision_rule_log where item_id = $1 order by id`,
        [itemId],
      );
      const rule = await repo.agreedRule(em, itemId);
      return {
        itemId,
        rule: rule && row
          ? { ...rule, guardBandUnit: row.guard_band_unit, source: row.source, contractId: row.contract_id, contractVersion: row.contract_version, setBy: row.set_by, reason: row.reason }
          : null,
        log,
      };
    });
  }

  /** Drafts not yet signed pick the agreed rule up. */
  private async refreshDrafts(em: EntityManager, itemId: string) {
    const rule = await repo.agreedRule(em, itemId);
    for (const d of await em.query(`select id from certificate where item_id = $1 and status = 'draft'`, [itemId])) {
      const row = (await repo.findCertificate(em, d.id))!;
      await repo.saveDraftContent(em, d.id, { ...row.content, decisionRule: rule });
    }
    return rule;
  }

  /** A calibrator's or checker's printed name, as certificates show it (entered by the person). */
  async setStaffName(caller: Caller, printedName: string) {
    return this.tx.run(caller.tenant, async (em) => {
      await em.query(
        `insert into staff_name (tenant_id, person_id, printed_name) values ($1, $2, $3) on conflict (tenant_id, person_id) do update set printed_name = excluded.printed_name`,
        [caller.tenant, caller.subject, printedName],
      );
      return { personId: caller.subject, printedName };
    });
  }

  async setInstitution(caller: Caller, body: { name: string; numberPrefix: string }) {
    return this.tx.run(caller.tenant, async (em) => {
      await em.query(
        `insert into institution_profile (tenant_id, name, number_prefix) values ($1, $2, $3) on conflict (tenant_id) do update set name = excluded.name, number_prefix = excluded.number_prefix`,
        [caller.tenant, body.name, body.numberPrefix],
      );
      return { name: body.name, numberPrefix: body.numberPrefix };
    });
  }

  get(caller: Caller, id: string) {
    return this.tx.read(caller.tenant, async (em) => {
      await this.visible(em, caller, id);
      return this.view(em, id);
    });
  }

  /** retrieval; a customer caller lists only its own issued certificates, whatever it asks for. */
  list(caller: Caller, filter: repo.CertificateFilter) {
    const onlyCustomer = customerScope(caller);
    return this.tx.read(caller.tenant, async (em) => (await repo.listCertificates(em, { ...filter, onlyCustomer }, this.settings.timeZone)).map(summary));
  }

  /**
   * every successful read of a certificate's document is logged (who, when, what, which
   * tenant) in the same transaction as the read; a refused or missing read changes nothing.
   */
  async document(caller: Caller, id: string, format: 'json' | 'xml' | 'pdf') {
    return this.tx.run(caller.tenant, async (em) => {
      const row = await this.visible(em, caller, id);
      const doc = await repo.document(em, id, format);
      if (!doc) throw ProblemException.notFound('Certificate document', `${id}.${format}`);
      const scope = customerScope(caller);
      await repo.logAccess(em, caller.tenant, {
        certificateId: id, number: row.number, format, channel: scope === undefined ? 'staff' : 'customer', actor: caller.subject, actorRoles: caller.roles,
        customerId: scope ?? null, outcome: 'delivered',
      });
      return doc;
    });
  }

  /** the archive access log, for quality supervisors and administrators. */
  accessLog(caller: Caller, filter: { certificateId?: string; from?: string; to?: string }) {
    return this.tx.read(caller.tenant, (em) => repo.accessLog(em, filter));
  }

  async history(caller: Caller, id: string) {
    return this.tx.read(caller.tenant, async (em) => {
      await this.visible(em, caller, id);
      return em.query(`select action, actor, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, detail from issue_log where certificate_id = $1 order by seq`, [id]);
    });
  }

  /** 404 for what the caller may not see, so another customer's certificate ids do not leak. */
  private async visible(em: EntityManager, caller: Caller, id: string): Promise<repo.CertificateRow> {
    const row = await repo.findCertificate(em, id);
    if (!row || !visibleTo(customerScope(caller), row)) throw ProblemException.notFound('Certificate', id);
    return row;
  }

  private async draft(em: EntityManager, id: string): Promise<repo.CertificateRow> {
    const row = await repo.findCertificate(em, id, true);
    if (!row) throw ProblemException.notFound('Certificate', id);
    if (row.status !== 'draft') throw ProblemException.ruleViolation('R-6.4.4', `certificate ${row.number} is issued; change it by supplement or reissue`, 'status', 'issued-is-final');
    return row;
  }

  private async view(em: EntityManager, id: string) {
    const row = await repo.findCertificate(em, id);
    if (!row) throw ProblemException.notFound('Certificate', id);
    const preview = row.status === 'draft' ? { blockingIssues: issueBreaches(row.content), statements: conformityStatements(row.content).statements } : {};
    return { ...summary(row), content: row.content, ...preview };
  }
}

export function summary(r: repo.CertificateRow) {
  return {
    id: r.id, kind: r.kind, status: r.status, number: r.number, recordId: r.record_id, recordVersion: r.record_version, itemId: r.item_id, itemCode: r.item_code,
    customerId: r.customer_id, measurementDate: r.measurement_date, issuedAt: r.issued_at, signedBy: r.signed_by, supplementTo: r.supplement_to, replaces: r.replaces,
    replacedBy: r.replaced_by, amendmentReason: r.amendment_reason, voidedAt: r.voided_at, retainUntil: r.retain_until,
    documents: r.pdf_sha256 ? { json: r.json_sha256, xml: r.xml_sha256, pdf: r.pdf_sha256 } : null,
    // What a signatory's queue and a register need to tell certificates apart; all of it is printed on the certificate.
    item: { description: r.content.item.description, serialNumber: r.content.item.serialNumber },
    orderNumber: r.content.record.orderNumber,
  };
}
