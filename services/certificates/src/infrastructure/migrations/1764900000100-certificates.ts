import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Certificates (R-6.4.x, R-5.1.3, R-6.4.5, R-7.3.2): drafts and issued certificates with their
 * stored documents and hashes, gap-free numbering, the issue log, the signatory read model (from
 * quality), the agreed decision rules, the standards each certificate used and the standards' last
 * good check (reverse traceability). Issued certificates, documents and the log are append-only:
 * triggers refuse deletes and any change of issued content.
 */
export class Certificates1764900000100 implements MigrationInterface {
  name = 'Certificates1764900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table certificate (
        id               uuid primary key,
        tenant_id        text not null,
        kind             text not null,
        status           text not null check (status in ('draft', 'issued', 'void')),
        number           text,
        number_year      int,
        number_seq       int,
        record_id        uuid not null,
        record_version   int not null,
        item_id          uuid not null,
        item_code        text,
        customer_id      text,
        measurement_date date not null,
        content          jsonb not null,
        supplement_to    uuid references certificate(id),
        replaces         uuid references certificate(id),
        replaced_by      uuid references certificate(id),
        amendment_reason text,
        signed_by        text,
        signatory_name   text,
        issued_at        timestamptz,
        key_id           text,
        public_key       text,
        content_sha256   text,
        content_signature text,
        seal_signature   text,
        json_sha256      text,
        xml_sha256       text,
        pdf_sha256       text,
        retain_until     date,
        voided_at        timestamptz,
        void_reason      text,
        created_at       timestamptz not null default now(),
        unique (tenant_id, number)
      )`);
    await q.query(`create unique index certificate_one_per_record on certificate (tenant_id, record_id, record_version) where supplement_to is null and replaces is null`);
    await q.query(`create index certificate_lookup on certificate (tenant_id, customer_id, item_id, issued_at)`);
    await q.query(`
      create table certificate_document (
        tenant_id      text not null,
        certificate_id uuid not null references certificate(id),
        format         text not null check (format in ('json', 'xml', 'pdf')),
        sha256         text not null,
        bytes          bytea not null,
        stored_at      timestamptz not null default now(),
        primary key (certificate_id, format)
      )`);
    await q.query(`
      create table certificate_number_sequence (
        tenant_id text not null,
        year      int not null,
        last      int not null,
        primary key (tenant_id, year)
      )`);
    await q.query(`
      create table certificate_standard (
        tenant_id      text not null,
        certificate_id uuid not null references certificate(id),
        standard_id    uuid,
        equipment_id   uuid
      )`);
    await q.query(`create index certificate_standard_lookup on certificate_standard (tenant_id, standard_id, equipment_id)`);
    await q.query(`
      create table issue_log (
        seq            bigserial primary key,
        tenant_id      text not null,
        certificate_id uuid not null references certificate(id),
        action         text not null,
        actor          text not null,
        at             timestamptz not null default now(),
        detail         jsonb not null default '{}'
      )`);
    await q.query(`
      create table signatory_authorisation (
        authorisation_id uuid primary key,
        tenant_id        text not null,
        person_id        text not null,
        item_code        text not null,
        valid_from       date not null,
        valid_until      date not null,
        ended_on         date,
        qualified        boolean not null
      )`);
    await q.query(`
      create table signatory_profile (
        tenant_id     text not null,
        person_id     text not null,
        printed_name  text not null,
        pin_hash      text not null,
        failed_tries  int not null default 0,
        primary key (tenant_id, person_id)
      )`);
    // Printed names of calibrators and checkers as they sign certificates (entered by each person).
    await q.query(`
      create table staff_name (
        tenant_id    text not null,
        person_id    text not null,
        printed_name text not null,
        primary key (tenant_id, person_id)
      )`);
    await q.query(`
      create table signatory_key (
        tenant_id  text not null,
        key_id     text not null,
        person_id  text not null,
        public_key text not null,
        created_at timestamptz not null default now(),
        primary key (tenant_id, key_id)
      )`);
    await q.query(`
      create table agreed_decision_rule (
        tenant_id       text not null,
        item_id         uuid not null,
        rule            text not null check (rule in ('simple', 'guarded', 'non-binary')),
        guard_band      numeric,
        contract_number text,
        agreed_at       timestamptz not null,
        primary key (tenant_id, item_id)
      )`);
    await q.query(`
      create table institution_profile (
        tenant_id     text primary key,
        name          text not null,
        number_prefix text not null
      )`);
    await q.query(`
      create table standard_check (
        tenant_id    text not null,
        equipment_id uuid not null,
        standard_ids uuid[] not null,
        last_good_on date,
        primary key (tenant_id, equipment_id)
      )`);
    await q.query(`
      create table reverse_traceability (
        id           uuid primary key,
        tenant_id    text not null,
        equipment_id uuid not null,
        reason       text not null,
        since        date,
        until        date not null,
        certificates jsonb not null,
        listed_at    timestamptz not null default now()
      )`);
    for (const t of ['certificate', 'certificate_document', 'certificate_number_sequence', 'certificate_standard', 'issue_log', 'signatory_authorisation', 'signatory_profile', 'staff_name', 'signatory_key', 'agreed_decision_rule', 'institution_profile', 'standard_check', 'reverse_traceability']) {
      await enableTenantIsolation(q, t);
    }
    // nothing issued is ever deleted or rewritten; a void certificate only gains
    // its void marking and its replacement.
    await q.query(`
      create function certificate_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if tg_table_name = 'certificate' and old.status = 'draft' then return old; end if;
          raise exception 'certificates are kept: % rows are never deleted (R-7.3.2)', tg_table_name;
        end if;
        if tg_table_name = 'certificate' and old.status <> 'draft' then
          if new.content is distinct from old.content or new.number is distinct from old.number or new.pdf_sha256 is distinct from old.pdf_sha256
             or new.content_signature is distinct from old.content_signature or new.seal_signature is distinct from old.seal_signature
             or (old.status = 'void' and new.status <> 'void') or (old.status = 'issued' and new.status not in ('issued', 'void')) then
            raise exception 'issued certificate % is append-only (R-6.4.4)', old.number;
          end if;
        end if;
        if tg_table_name <> 'certificate' and tg_op = 'UPDATE' then
          raise exception '% rows are append-only', tg_table_name;
        end if;
        return new;
      end $$`);
    await q.query(`create trigger certificate_append_only before update or delete on certificate for each row execute function certificate_append_only()`);
    await q.query(`create trigger document_append_only before update or delete on certificate_document for each row execute function certificate_append_only()`);
    await q.query(`create trigger issue_log_append_only before update or delete on issue_log for each row execute function certificate_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['reverse_traceability', 'standard_check', 'institution_profile', 'agreed_decision_rule', 'signatory_key', 'staff_name', 'signatory_profile', 'signatory_authorisation', 'issue_log', 'certificate_standard', 'certificate_number_sequence', 'certificate_document', 'certificate']) {
      await q.query(`drop table if exists ${t}`);
    }
    await q.query(`drop function if exists certificate_append_only()`);
  }
}
