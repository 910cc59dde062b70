import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** Controlled documents and their revisions. Revisions are never deleted. */
export class Documents1764300000500 implements MigrationInterface {
  name = 'Documents1764300000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table controlled_document (
        id         uuid primary key,
        tenant_id  text not null,
        code       text not null,
        title      text not null,
        kind       text not null check (kind in ('manual', 'procedure', 'work-instruction', 'form', 'external')),
        withdrawn_at timestamptz,
        created_by text not null,
        created_at timestamptz not null,
        unique (tenant_id, code)
      )`);
    await q.query(`
      create table document_revision (
        id             uuid primary key,
        tenant_id      text not null,
        document_id    uuid not null references controlled_document(id),
        revision       integer not null,
        status         text not null check (status in ('draft', 'approved', 'effective', 'obsolete')),
        change_summary text not null,
        content_ref    text not null,
        content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
        drafted_by     text not null,
        drafted_at     timestamptz not null,
        approved_by    text,
        approved_at    timestamptz,
        effective_from date,
        obsolete_from  date,
        unique (document_id, revision)
      )`);
    await q.query(`create unique index document_one_effective on document_revision (document_id) where status = 'effective'`);
    for (const table of ['controlled_document', 'document_revision']) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table document_revision`);
    await q.query(`drop table controlled_document`);
  }
}
