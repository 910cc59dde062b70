import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** The internal audit programme: audits with scope, dates, auditors and conclusion; findings live in `finding`. */
export class InternalAudits1764300000900 implements MigrationInterface {
  name = 'InternalAudits1764300000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table internal_audit (
        id             uuid primary key,
        tenant_id      text not null,
        programme_year integer not null,
        title          text not null,
        -- requirement ids (R-…) and areas the audit covers
        scope          text[] not null,
        areas          text[] not null,
        planned_on     date not null,
        lead_auditor   text not null,
        status         text not null check (status in ('planned', 'in-progress', 'completed')),
        started_on     date,
        completed_on   date,
        conclusion     text,
        created_by     text not null,
        created_at     timestamptz not null
      )`);
    await enableTenantIsolation(q, 'internal_audit');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table internal_audit`);
  }
}
