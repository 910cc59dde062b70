import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * On-site jobs: the job's current state, and an append-only
 * log of every step (requirements sent, safety acknowledged, conditions, impact assessment,
 * consents, clearance, closing) so that what was decided on which facts stays on record.
 */
export class OnSiteJobs1764100000700 implements MigrationInterface {
  name = 'OnSiteJobs1764100000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table on_site_job (
        id            uuid primary key,
        tenant_id     text not null,
        contract_id   uuid not null references contract(id),
        item_ids      uuid[] not null,
        site_address  text not null,
        cross_region  boolean not null,
        planned_date  date not null,
        status        text not null check (status in ('planned', 'measurement-cleared', 'closed')),
        state         jsonb not null,
        cleared_at    timestamptz,
        closed_at     timestamptz,
        created_by    text not null,
        created_at    timestamptz not null
      )`);
    await q.query(`create index on_site_job_contract on on_site_job (tenant_id, contract_id)`);
    await q.query(`
      create table on_site_job_log (
        id          uuid primary key,
        tenant_id   text not null,
        job_id      uuid not null references on_site_job(id),
        step        text not null,
        detail      jsonb not null,
        recorded_by text not null,
        recorded_at timestamptz not null
      )`);
    await q.query(`create index on_site_job_log_job on on_site_job_log (job_id, recorded_at)`);
    for (const table of ['on_site_job', 'on_site_job_log']) await enableTenantIsolation(q, table);
    await q.query(`create trigger on_site_job_log_immutable before update or delete on on_site_job_log for each row execute function forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table on_site_job_log`);
    await q.query(`drop table on_site_job`);
  }
}
