import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** Supervision: plans per period and area, the pool of completed jobs, samples and their results. */
export class Supervision1764300000700 implements MigrationInterface {
  name = 'Supervision1764300000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table supervision_plan (
        id           uuid primary key,
        tenant_id    text not null,
        title        text not null,
        area         text not null check (area in ('methods', 'equipment', 'process', 'data', 'certificates')),
        period_from  date not null,
        period_to    date not null,
        item_code    text,
        sample_size  integer not null check (sample_size between 1 and 500),
        status       text not null check (status in ('planned', 'sampled', 'completed')),
        created_by   text not null,
        created_at   timestamptz not null,
        completed_by text,
        completed_at timestamptz,
        check (period_from <= period_to)
      )`);
    await q.query(`
      create table supervision_job (
        id            uuid primary key,
        tenant_id     text not null,
        kind          text not null check (kind in ('record', 'certificate')),
        ref_id        uuid not null,
        ref_number    text not null,
        work_order_id uuid not null,
        item_id       uuid not null,
        item_code     text,
        completed_on  date not null,
        received_at   timestamptz not null,
        unique (tenant_id, kind, ref_id)
      )`);
    await q.query(`
      create table supervision_sample (
        id          uuid primary key,
        tenant_id   text not null,
        plan_id     uuid not null references supervision_plan(id),
        job_id      uuid not null references supervision_job(id),
        result      text not null check (result in ('pending', 'conforming', 'nonconforming')),
        note        text,
        finding_id  uuid references finding(id),
        checked_by  text,
        checked_at  timestamptz,
        sampled_at  timestamptz not null,
        unique (plan_id, job_id)
      )`);
    for (const table of ['supervision_plan', 'supervision_job', 'supervision_sample']) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['supervision_sample', 'supervision_job', 'supervision_plan']) await q.query(`drop table ${table}`);
  }
}
