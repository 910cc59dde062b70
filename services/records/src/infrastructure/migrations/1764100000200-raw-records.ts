import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Raw records. No unique key on the item: an item may get a second record later
 * (re-measurement, R-8.2); one record per delivered event is guaranteed by the inbox.
 */
export class RawRecords1764100000200 implements MigrationInterface {
  name = 'RawRecords1764100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table raw_record (
        id             uuid primary key,
        tenant_id      text not null,
        work_order_id  uuid not null,
        order_number   text not null,
        item_id        uuid not null,
        description    text not null,
        serial_number  text,
        service_kind   text not null,
        method_code    text,
        status         text not null,
        source_event_id uuid not null,
        created_at     timestamptz not null default now()
      )`);
    await q.query(`create index raw_record_work_order on raw_record (tenant_id, work_order_id)`);
    await q.query(`create index raw_record_item on raw_record (tenant_id, item_id)`);
    await enableTenantIsolation(q, 'raw_record');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table raw_record`);
  }
}
