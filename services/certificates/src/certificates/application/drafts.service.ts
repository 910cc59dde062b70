import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, ProblemException } from '@calchain/platform';
import { TenantTransactions } from '../../shared/tenant-transactions';
import { CERTIFICATE_SETTINGS, CertificateSettings } from '../../shared/settings';
import { ApprovedRecord, contentFromRecord, RecalibrationInterval, RuleName } from '../domain/content';
import { conformityStatements, intervalBreaches, issueBreaches, RuleBreach } from '../domain/rules';
import * as repo from '../infrastructure/certificate.repository';

export function breachProblem(breaches: RuleBreach[]): ProblemException {
  const first = breaches[0]!;
  const problem = ProblemException.ruleViolation(first.requirement, breaches.map((b) => b.message).join('; '), first.field, first.rule);
  problem.problem.errors = breaches.map((b) => ({ field: b.field, rule: b.rule, message: b.message, requirement: b.requirement }));
  return problem;
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
    const content = contentFromRecord(record, { id: tenant, name: inst.name });
    content.decisionRule = await repo.agreedRule(em, record.itemId);
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

  /** The decision rule agreed at contract review for an item (read model; R-6.4.2.3, R-6.1.2). */
  async agreeRule(caller: Caller, itemId: string, body: { rule: RuleName; guardBand: string | null; contractNumber: string | null }) {
    return this.tx.run(caller.tenant, async (em) => {
      await em.query(
        `insert into agreed_decision_rule (tenant_id, item_id, rule, guard_band, contract_number, agreed_at) values ($1, $2, $3, $4, $5, now())
         on conflict (tenant_id, item_id) do update set rule = excluded.rule, guard_band = excluded.guard_band, contract_number = excluded.contract_number, agreed_at = now()`,
        [caller.tenant, itemId, body.rule, body.guardBand, body.contractNumber],
      );
      const rule = await repo.agreedRule(em, itemId);
      // Drafts not yet signed pick the agreed rule up.
      for (const d of await em.query(`select id from certificate where item_id = $1 and status = 'draft'`, [itemId])) {
        const row = (await repo.findCertificate(em, d.id))!;
        await repo.saveDraftContent(em, d.id, { ...row.content, decisionRule: rule });
      }
      return rule;
    });
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
    return this.tx.read(caller.tenant, (em) => this.view(em, id));
  }

  list(caller: Caller, filter: repo.CertificateFilter) {
    return this.tx.read(caller.tenant, async (em) => (await repo.listCertificates(em, filter, this.settings.timeZone)).map(summary));
  }

  async document(caller: Caller, id: string, format: 'json' | 'xml' | 'pdf') {
    return this.tx.read(caller.tenant, async (em) => {
      const doc = await repo.document(em, id, format);
      if (!doc) throw ProblemException.notFound('Certificate document', `${id}.${format}`);
      return doc;
    });
  }

  async history(caller: Caller, id: string) {
    return this.tx.read(caller.tenant, async (em) =>
      em.query(`select action, actor, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, detail from issue_log where certificate_id = $1 order by seq`, [id]),
    );
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
  };
}
