import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Work orders born from accepted contracts: the contract and lab section they belong to,
 * dispatch to the section, and the end-to-end status of each item with its history. Orders opened
 * directly (POST /work-orders, before contracts existed) keep working: the new columns are
 * nullable or defaulted.
 */
export class WorkOrderDispatch1764100000500 implements MigrationInterface {
  name = 'WorkOrderDispatch1764100000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table work_order
        add column contract_id       uuid,
        add column contract_version  integer,
        add column section           text,
        add column dispatched_at     timestamptz,
        add column dispatched_by     text`);
    await q.query(`alter table work_order add constraint work_order_status check (status in ('open', 'accepted', 'dispatched', 'completed', 'cancelled'))`);
    await q.query(`create index work_order_contract on work_order (tenant_id, contract_id)`);
    await q.query(`
      alter table work_order_item
        add column status         text not null default 'accepted'
          check (status in ('accepted', 'in-lab', 'measured', 'reviewed', 'certificate-issued', 'returned', 'cancelled')),
        add column place          text check (place in ('lab', 'on-site')),
        add column method_version text,
        add column item_code      text,
        add column promised_date  date`);
    await q.query(`
      create table item_status_history (
        id                  uuid primary key,
        tenant_id           text not null,
        work_order_item_id  uuid not null references work_order_item(id),
        status              text not null,
        previous_status     text,
        source              text not null,
        changed_by          text not null,
        changed_at          timestamptz not null
      )`);
    await q.query(`create index item_status_history_item on item_status_history (work_order_item_id, changed_at)`);
    await enableTenantIsolation(q, 'item_status_history');
    await q.query(`create trigger item_status_history_immutable before update or delete on item_status_history for each row execute function forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table item_status_history`);
    await q.query(`alter table work_order_item drop column status, drop column place, drop column method_version, drop column item_code, drop column promised_date`);
    await q.query(`alter table work_order drop constraint work_order_status`);
    await q.query(`alter table work_order drop column contract_id, drop column contract_version, drop column section, drop column dispatched_at, drop column dispatched_by`);
  }
}
