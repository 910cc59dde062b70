import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Item intake and return (R-6.2.2, R-6.2.3, R-6.2.5, R-6.2.6): how the item came, its condition
 * and checklist of accessories and documents, photos, its unique label; the signed hand-over at
 * return; consents to adjust the item and notices to the customer when its state changed.
 * Intake and return records, consents' notices and attachments are immutable.
 */
export class ItemHandling1764100000600 implements MigrationInterface {
  name = 'ItemHandling1764100000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table item_label_number (
        tenant_id text not null,
        year      integer not null,
        last      integer not null,
        primary key (tenant_id, year)
      )`);
    await q.query(`
      create table attachment (
        id          uuid primary key,
        tenant_id   text not null,
        owner_type  text not null check (owner_type in ('item-intake', 'item-return', 'on-site-job')),
        owner_id    uuid not null,
        kind        text not null,
        file_name   text not null,
        media_type  text not null,
        size_bytes  integer not null check (size_bytes >= 0),
        sha256      text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        storage_ref text not null,
        added_by    text not null,
        added_at    timestamptz not null
      )`);
    await q.query(`create index attachment_owner on attachment (owner_type, owner_id)`);
    await q.query(`
      create table item_intake (
        id                    uuid primary key,
        tenant_id             text not null,
        item_id               uuid not null,
        contract_id           uuid not null references contract(id),
        label                 text not null,
        channel               text not null check (channel in ('delivered', 'mailed', 'picked-up')),
        condition             text not null,
        condition_acceptable  boolean not null,
        accessories           jsonb not null,
        documents             jsonb not null,
        received_by           text not null,
        received_at           timestamptz not null,
        unique (tenant_id, label),
        unique (tenant_id, item_id)
      )`);
    await q.query(`
      create table item_return (
        id                    uuid primary key,
        tenant_id             text not null,
        item_id               uuid not null,
        intake_id             uuid not null references item_intake(id),
        contract_id           uuid not null references contract(id),
        accessories           jsonb not null,
        documents             jsonb not null,
        handed_over_to        uuid references customer_contact(id),
        receiver_description  text,
        signature_ref         text not null,
        returned_by           text not null,
        returned_at           timestamptz not null,
        unique (tenant_id, item_id)
      )`);
    await q.query(`
      create table adjustment (
        id           uuid primary key,
        tenant_id    text not null,
        item_id      uuid not null,
        contract_id  uuid not null references contract(id),
        consent_id   uuid not null references customer_consent(id),
        description  text not null,
        performed_by text not null,
        performed_at timestamptz not null
      )`);
    await q.query(`
      create table state_change_notice (
        id            uuid primary key,
        tenant_id     text not null,
        item_id       uuid not null,
        contract_id   uuid not null references contract(id),
        kind          text not null check (kind in ('adjusted', 'repaired', 'damaged', 'other')),
        description   text not null,
        channel       text not null check (channel in ('written', 'phone', 'e-mail', 'in-person', 'portal')),
        contact_id    uuid references customer_contact(id),
        noticed_by    text not null,
        noticed_at    timestamptz not null
      )`);
    for (const table of ['item_label_number', 'attachment', 'item_intake', 'item_return', 'adjustment', 'state_change_notice']) {
      await enableTenantIsolation(q, table);
    }
    for (const table of ['attachment', 'item_intake', 'item_return', 'adjustment', 'state_change_notice']) {
      await q.query(`create trigger ${table}_immutable before update or delete on ${table} for each row execute function forbid_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['state_change_notice', 'adjustment', 'item_return', 'item_intake', 'attachment', 'item_label_number']) await q.query(`drop table ${table}`);
  }
}
