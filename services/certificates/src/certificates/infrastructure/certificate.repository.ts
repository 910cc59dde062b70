import { EntityManager } from 'typeorm';
import { CertificateContent, CustomerOnCertificate, NumberSeries, RequestedReport, RuleName } from '../domain/content';
import { SignatoryAuthorisation } from '../domain/signatory';

export interface CertificateRow {
  id: string;
  tenant_id: string;
  kind: CertificateContent['kind'];
  status: 'draft' | 'issued' | 'void';
  number: string | null;
  record_id: string;
  record_version: number;
  item_id: string;
  item_code: string | null;
  customer_id: string | null;
  measurement_date: string;
  content: CertificateContent;
  supplement_to: string | null;
  replaces: string | null;
  replaced_by: string | null;
  amendment_reason: string | null;
  signed_by: string | null;
  signatory_name: string | null;
  issued_at: string | null;
  key_id: string | null;
  public_key: string | null;
  content_sha256: string | null;
  content_signature: string | null;
  seal_signature: string | null;
  json_sha256: string | null;
  xml_sha256: string | null;
  pdf_sha256: string | null;
  retain_until: string | null;
  voided_at: string | null;
  void_reason: string | null;
}

const COLUMNS = `id, tenant_id, kind, status, number, record_id, record_version, item_id, item_code, customer_id, measurement_date::text, content,
  supplement_to, replaces, replaced_by, amendment_reason, signed_by, signatory_name, to_char(issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as issued_at,
  key_id, public_key, content_sha256, content_signature, seal_signature, json_sha256, xml_sha256, pdf_sha256, retain_until::text,
  to_char(voided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as voided_at, void_reason`;

export async function findCertificate(em: EntityManager, id: string, lock = false): Promise<CertificateRow | undefined> {
  const [row] = await em.query(`select ${COLUMNS} from certificate where id = $1 ${lock ? 'for update' : ''}`, [id]);
  return row;
}

export async function findByNumber(em: EntityManager, number: string): Promise<CertificateRow | undefined> {
  const [row] = await em.query(`select ${COLUMNS} from certificate where number = $1`, [number]);
  return row;
}

export interface CertificateFilter {
  /** R-7.3.1: a customer caller sees only its own customer's issued (or void) certificates. */
  onlyCustomer?: string;
  number?: string;
  customerId?: string;
  itemId?: string;
  status?: string;
  from?: string;
  to?: string;
}

/** R-7.3.2 retrieval by number, customer, item and date (issue date in the lab's calendar). */
export async function listCertificates(em: EntityManager, f: CertificateFilter, timeZone: string): Promise<CertificateRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  if (f.onlyCustomer !== undefined) {
    add('customer_id = ?', f.onlyCustomer);
    where.push(`status <> 'draft'`);
  }
  if (f.number) add('number = ?', f.number);
  if (f.customerId) add('customer_id = ?', f.customerId);
  if (f.itemId) add('item_id = ?', f.itemId);
  if (f.status) add('status = ?', f.status);
  if (f.from || f.to) {
    args.push(timeZone);
    const tz = `$${args.length}`;
    if (f.from) add(`(issued_at at time zone ${tz})::date >= ?::date`, f.from);
    if (f.to) add(`(issued_at at time zone ${tz})::date <= ?::date`, f.to);
  }
  return em.query(`select ${COLUMNS} from certificate ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at, id limit 500`, args);
}

export async function insertDraft(
  em: EntityManager,
  d: { id: string; tenant: string; content: CertificateContent; supplementTo?: string | null; replaces?: string | null; reason?: string | null },
): Promise<void> {
  const c = d.content;
  await em.query(
    `insert into certificate (id, tenant_id, kind, status, record_id, record_version, item_id, item_code, customer_id, measurement_date, content, supplement_to, replaces, amendment_reason)
     values ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [d.id, d.tenant, c.kind, c.record.recordId, c.record.recordVersion, c.item.itemId, c.item.itemCode, c.customerId, c.measurementDate, JSON.stringify(c), d.supplementTo ?? null, d.replaces ?? null, d.reason ?? null],
  );
}

export async function saveDraftContent(em: EntityManager, id: string, content: CertificateContent): Promise<void> {
  await em.query(`update certificate set content = $2, kind = $3 where id = $1 and status = 'draft'`, [id, JSON.stringify(content), content.kind]);
}

/** R-6.4.5: the next number of this institution, year and series; the row lock serialises concurrent issues and a rollback returns the number. */
export async function nextSequence(em: EntityManager, tenant: string, year: number, series: NumberSeries = 'certificate'): Promise<number> {
  const [row] = await em.query(
    `insert into certificate_number_sequence (tenant_id, year, series, last) values ($1, $2, $3, 1)
     on conflict (tenant_id, year, series) do update set last = certificate_number_sequence.last + 1 returning last`,
    [tenant, year, series],
  );
  return row.last;
}

export async function log(em: EntityManager, tenant: string, certificateId: string, action: string, actor: string, detail: Record<string, unknown> = {}): Promise<void> {
  await em.query(`insert into issue_log (tenant_id, certificate_id, action, actor, detail) values ($1, $2, $3, $4, $5)`, [tenant, certificateId, action, actor, JSON.stringify(detail)]);
}

export async function agreedRule(em: EntityManager, itemId: string): Promise<CertificateContent['decisionRule']> {
  const [row] = await em.query(
    `select rule, guard_band::text as guard_band, guard_band_unit, contract_number, to_char(agreed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as agreed_at
       from agreed_decision_rule where item_id = $1`,
    [itemId],
  );
  if (!row) return null;
  return {
    rule: row.rule as RuleName, guardBand: row.guard_band, ...(row.guard_band_unit ? { guardBandUnit: row.guard_band_unit as string } : {}),
    contractNumber: row.contract_number, agreedAt: row.agreed_at,
  };
}

export async function signatoryAuthorisations(em: EntityManager, personId: string): Promise<SignatoryAuthorisation[]> {
  const rows = await em.query(
    `select item_code, valid_from::text, valid_until::text, ended_on::text, qualified from signatory_authorisation where person_id = $1`,
    [personId],
  );
  return rows.map((r: { item_code: string; valid_from: string; valid_until: string; ended_on: string | null; qualified: boolean }) => ({
    itemCode: r.item_code, validFrom: r.valid_from, validUntil: r.valid_until, endedOn: r.ended_on, qualifiedForResponsible: r.qualified,
  }));
}

export async function printedName(em: EntityManager, personId: string): Promise<string | null> {
  const [row] = await em.query(`select printed_name from staff_name where person_id = $1`, [personId]);
  return row?.printed_name ?? null;
}

export async function institution(em: EntityManager, tenant: string): Promise<{ name: string; prefix: string }> {
  const [row] = await em.query(`select name, number_prefix from institution_profile where tenant_id = $1`, [tenant]);
  return row ? { name: row.name, prefix: row.number_prefix } : { name: tenant, prefix: tenant.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8) || 'CERT' };
}

export async function document(em: EntityManager, certificateId: string, format: 'json' | 'xml' | 'pdf'): Promise<{ sha256: string; bytes: Buffer } | undefined> {
  const [row] = await em.query(`select sha256, bytes from certificate_document where certificate_id = $1 and format = $2`, [certificateId, format]);
  return row;
}

/** The contract facts certificates need per item (R-6.4.2.1 customer, R-6.4.3 requested report). */
export interface ContractItemFacts {
  customerId: string;
  customer: CustomerOnCertificate | null;
  report: RequestedReport | null;
}

export async function contractItem(em: EntityManager, itemId: string): Promise<ContractItemFacts | null> {
  const [row] = await em.query(`select customer_id, customer_name, customer_address, report from contract_item where item_id = $1`, [itemId]);
  if (!row) return null;
  return { customerId: row.customer_id, customer: row.customer_name ? { name: row.customer_name, address: row.customer_address } : null, report: row.report };
}

export interface DocumentAccess {
  certificateId: string;
  number: string | null;
  format: 'json' | 'xml' | 'pdf' | 'public-verification';
  channel: 'staff' | 'customer' | 'public';
  actor: string | null;
  actorRoles: string[];
  customerId: string | null;
  outcome: string | null;
}

/** R-7.3.1: one row per read of a certificate's documents (append-only, tenant-isolated). */
export async function logAccess(em: EntityManager, tenant: string, a: DocumentAccess): Promise<void> {
  await em.query(
    `insert into document_access_log (tenant_id, certificate_id, number, format, channel, actor, actor_roles, customer_id, outcome) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [tenant, a.certificateId, a.number, a.format, a.channel, a.actor, a.actorRoles, a.customerId, a.outcome],
  );
}

export async function accessLog(em: EntityManager, f: { certificateId?: string; from?: string; to?: string }): Promise<unknown[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.certificateId) where.push(`certificate_id = $${args.push(f.certificateId)}`);
  if (f.from) where.push(`at >= $${args.push(f.from)}::timestamptz`);
  if (f.to) where.push(`at <= $${args.push(f.to)}::timestamptz`);
  return em.query(
    `select id::text as id, certificate_id as "certificateId", number, format, channel, actor, actor_roles as "actorRoles", customer_id as "customerId", outcome,
            to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at
       from document_access_log ${where.length ? `where ${where.join(' and ')}` : ''} order by id limit 1000`,
    args,
  );
}
