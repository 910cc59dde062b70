import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** The method library: method versions, their validation/verification and currency reviews. */
export class Methods1764200000300 implements MigrationInterface {
  name = 'Methods1764200000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table method (
        id                      uuid primary key,
        tenant_id               text not null,
        code                    text not null,
        title                   text not null,
        version                 text not null,
        type                    text not null check (type in ('national', 'sector', 'local', 'international', 'non-standard')),
        document_kind           text not null,
        effective_from          date not null,
        withdrawn_on            date,
        superseded_by           uuid references method(id),
        validated_on            date,
        validation_reference    text,
        verified_on             date,
        verification_reference  text,
        environmental_limits    jsonb not null default '[]',
        readings                jsonb not null default '[]',
        measurement_model       jsonb,
        required_equipment_kinds text[] not null default '{}',
        review_interval_months  integer not null check (review_interval_months between 1 and 120),
        published_hash          text,
        created_at              timestamptz not null default now(),
        created_by              text not null,
        unique (tenant_id, code, version)
      )`);
    await q.query(`
      create table method_review (
        id              uuid primary key,
        tenant_id       text not null,
        method_id       uuid not null references method(id),
        reviewed_on     date not null,
        outcome         text not null check (outcome in ('current', 'revision-needed', 'superseded', 'withdrawn')),
        notes           text not null,
        reviewed_by     text not null
      )`);
    for (const table of ['method', 'method_review']) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table method_review`);
    await q.query(`drop table method`);
  }
}
