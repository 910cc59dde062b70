import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * The published fee schedule and time-limit table with their review dates, the working
 * calendar (holidays and make-up working days), and the time-limit promise of each accepted item
 * with the state of its clock. `announced` remembers what was last told, so the sweep
 * tells each at-risk and breach once.
 */
export class TimeLimits1764100000400 implements MigrationInterface {
  name = 'TimeLimits1764100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table fee_schedule_entry (
        id            uuid primary key,
        tenant_id     text not null,
        code          text not null,
        description   text not null,
        service_kind  text check (service_kind in ('calibration', 'verification')),
        discipline    text,
        unit_price    numeric(14, 2) not null check (unit_price >= 0),
        currency      text not null,
        unit          text not null,
        basis         text,
        updated_by    text not null,
        updated_at    timestamptz not null,
        unique (tenant_id, code)
      )`);
    await q.query(`
      create table time_limit_entry (
        id            uuid primary key,
        tenant_id     text not null,
        service_kind  text not null check (service_kind in ('calibration', 'verification')),
        discipline    text not null,
        working_days  integer not null check (working_days >= 0),
        note          text,
        updated_by    text not null,
        updated_at    timestamptz not null,
        unique (tenant_id, service_kind, discipline)
      )`);
    await q.query(`
      create table calendar_day (
        tenant_id  text not null,
        day        date not null,
        kind       text not null check (kind in ('holiday', 'working-day')),
        name       text not null,
        primary key (tenant_id, day)
      )`);
    await q.query(`
      create table disclosure_review (
        id           uuid primary key,
        tenant_id    text not null,
        document     text not null check (document in ('fee-schedule', 'time-limits')),
        reviewed_on  date not null,
        reviewed_by  text not null,
        note         text,
        recorded_at  timestamptz not null
      )`);
    await q.query(`create index disclosure_review_document on disclosure_review (tenant_id, document, reviewed_on desc)`);
    await q.query(`
      create table time_limit_promise (
        tenant_id       text not null,
        item_id         uuid not null,
        contract_id     uuid not null,
        work_order_id   uuid,
        service_kind    text not null,
        discipline      text not null,
        working_days    integer not null,
        started_on      date not null,
        promised_date   date not null,
        requested_date  date,
        announced       text not null default 'running' check (announced in ('running', 'at-risk', 'breached')),
        completed_on    date,
        primary key (tenant_id, item_id)
      )`);
    await q.query(`create index time_limit_promise_open on time_limit_promise (tenant_id, promised_date) where completed_on is null`);
    for (const table of ['fee_schedule_entry', 'time_limit_entry', 'calendar_day', 'disclosure_review', 'time_limit_promise']) {
      await enableTenantIsolation(q, table);
    }
    await q.query(`create trigger disclosure_review_immutable before update or delete on disclosure_review for each row execute function forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['time_limit_promise', 'disclosure_review', 'calendar_day', 'time_limit_entry', 'fee_schedule_entry']) {
      await q.query(`drop table ${table}`);
    }
  }
}
