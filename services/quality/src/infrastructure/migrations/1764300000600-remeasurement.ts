import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** Re-measurement requests opened from records' suspicious-data detections (R-8.2). */
export class Remeasurement1764300000600 implements MigrationInterface {
  name = 'Remeasurement1764300000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table remeasurement_request (
        id                   uuid primary key,
        tenant_id            text not null,
        number               text not null,
        detection_id         uuid not null,
        record_id            uuid not null,
        record_number        text not null,
        record_version       integer not null,
        work_order_id        uuid not null,
        item_id              uuid not null,
        order_number         text not null,
        item_code            text,
        method_code          text,
        method_version       text,
        -- the checks that fired, values and statistics as decimal strings
        checks               jsonb not null,
        status               text not null check (status in ('open', 'assigned', 'results-linked', 'closed')),
        assignee             text,
        due_on               date,
        assigned_by          text,
        assigned_at          timestamptz,
        result_record_id     uuid,
        result_record_number text,
        result_record_version integer,
        result_approved_at   timestamptz,
        outcome              text check (outcome in ('original-confirmed', 'original-superseded')),
        closure_note         text,
        closed_by            text,
        closed_at            timestamptz,
        opened_at            timestamptz not null,
        unique (tenant_id, number),
        unique (tenant_id, detection_id)
      )`);
    await q.query(`create index remeasurement_request_record on remeasurement_request (tenant_id, record_id)`);
    await enableTenantIsolation(q, 'remeasurement_request');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table remeasurement_request`);
  }
}
