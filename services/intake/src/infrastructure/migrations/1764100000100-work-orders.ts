import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

export class WorkOrders1764100000100 implements MigrationInterface {
  name = 'WorkOrders1764100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table work_order_number (
        tenant_id text not null,
        year      integer not null,
        last      integer not null,
        primary key (tenant_id, year)
      )`);
    await q.query(`
      create table work_order (
        id             uuid primary key,
        tenant_id      text not null,
        order_number   text not null,
        customer_id    text not null,
        place_of_work  text not null check (place_of_work in ('lab', 'on-site')),
        due_date       date,
        status         text not null,
        created_by     text not null,
        created_at     timestamptz not null default now(),
        unique (tenant_id, order_number)
      )`);
    await q.query(`
      create table work_order_item (
        id             uuid primary key,
        tenant_id      text not null,
        work_order_id  uuid not null references work_order(id),
        position       integer not null,
        description    text not null,
        serial_number  text,
        service_kind   text not null check (service_kind in ('calibration', 'verification')),
        method_code    text,
        unique (work_order_id, position)
      )`);
    for (const table of ['work_order_number', 'work_order', 'work_order_item']) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table work_order_item`);
    await q.query(`drop table work_order`);
    await q.query(`drop table work_order_number`);
  }
}
