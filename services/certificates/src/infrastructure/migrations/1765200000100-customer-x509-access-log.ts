import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Issue 7 gaps:
 * - `contract_item`: per item, the customer organisation (R-6.4.2.1) and the requested report kind
 *   (test report or certificate) from `intake.contract.accepted`;
 * - numbering series: test reports are numbered in a series of their own;
 * - X.509: the institution CA certificate and each signatory key's certificate (public
 *   data only; private keys stay in the key directory);
 * - `document_access_log`: every read of a certificate's documents and every public
 *   verification, append-only.
 */
export class CustomerX509AccessLog1765200000100 implements MigrationInterface {
  name = 'CustomerX509AccessLog1765200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table contract_item (
        tenant_id        text not null,
        item_id          uuid not null,
        customer_id      text not null,
        customer_name    text,
        customer_address text,
        report           text check (report in ('certificate', 'test-report')),
        contract_id      uuid not null,
        contract_version int not null,
        primary key (tenant_id, item_id)
      )`);
    await q.query(`alter table certificate_number_sequence add column series text not null default 'certificate'`);
    await q.query(`alter table certificate_number_sequence drop constraint certificate_number_sequence_pkey`);
    await q.query(`alter table certificate_number_sequence add primary key (tenant_id, year, series)`);
    await q.query(`alter table certificate add column number_series text`);
    await q.query(`
      create table institution_ca (
        tenant_id       text primary key,
        key_id          text not null,
        certificate_pem text not null,
        created_at      timestamptz not null default now()
      )`);
    await q.query(`alter table signatory_key add column certificate_pem text`);
    await q.query(`
      create table document_access_log (
        id             bigserial primary key,
        tenant_id      text not null,
        certificate_id uuid not null references certificate(id),
        number         text,
        format         text not null check (format in ('json', 'xml', 'pdf', 'public-verification')),
        channel        text not null check (channel in ('staff', 'customer', 'public')),
        actor          text,
        actor_roles    text[] not null default '{}',
        customer_id    text,
        outcome        text,
        at             timestamptz not null default now()
      )`);
    await q.query(`create index document_access_log_lookup on document_access_log (tenant_id, certificate_id, at)`);
    for (const t of ['contract_item', 'institution_ca', 'document_access_log']) await enableTenantIsolation(q, t);
    await q.query(`
      create function document_access_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'document_access_log is append-only (R-7.3.1)';
      end $$`);
    await q.query(`create trigger document_access_log_append_only before update or delete on document_access_log for each row execute function document_access_log_append_only()`);
    await q.query(`create trigger institution_ca_append_only before update or delete on institution_ca for each row execute function document_access_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists document_access_log`);
    await q.query(`drop table if exists institution_ca`);
    await q.query(`drop function if exists document_access_log_append_only()`);
    await q.query(`alter table signatory_key drop column if exists certificate_pem`);
    await q.query(`alter table certificate drop column if exists number_series`);
    await q.query(`alter table certificate_number_sequence drop constraint certificate_number_sequence_pkey`);
    await q.query(`alter table certificate_number_sequence add primary key (tenant_id, year)`);
    await q.query(`alter table certificate_number_sequence drop column series`);
    await q.query(`drop table if exists contract_item`);
  }
}
