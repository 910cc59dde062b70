import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** Findings, corrective / risk-control actions and the improvement register. */
export class Improvement1764300000200 implements MigrationInterface {
  name = 'Improvement1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table finding (
        id          uuid primary key,
        tenant_id   text not null,
        number      text not null,
        source      text not null,
        source_ref  text,
        severity    text not null check (severity in ('observation', 'minor', 'major', 'critical')),
        requirement text,
        title       text not null,
        description text,
        item_code   text,
        status      text not null check (status in ('open', 'closed')),
        -- one open finding per condition (e.g. one per understaffed item): repeats add nothing
        dedupe_key  text,
        raised_by   text not null,
        raised_at   timestamptz not null,
        closed_at   timestamptz,
        unique (tenant_id, number)
      )`);
    await q.query(`create unique index finding_one_open_per_condition on finding (tenant_id, dedupe_key) where status = 'open' and dedupe_key is not null`);

    await q.query(`
      create table corrective_action (
        id          uuid primary key,
        tenant_id   text not null,
        number      text not null,
        kind        text not null check (kind in ('corrective', 'risk-control')),
        finding_id  uuid references finding(id),
        source      text not null,
        requirement text,
        item_code   text,
        title       text not null,
        problem     text not null,
        root_cause  text,
        status      text not null check (status in ('open', 'planned', 'implemented', 'closed')),
        due_on      date,
        opened_by   text not null,
        opened_at   timestamptz not null,
        closed_at   timestamptz,
        unique (tenant_id, number)
      )`);
    await q.query(`
      create table corrective_action_task (
        id                   uuid primary key,
        tenant_id            text not null,
        corrective_action_id uuid not null references corrective_action(id),
        position             integer not null,
        description          text not null,
        owner                text not null,
        due_on               date,
        done_on              date,
        done_note            text,
        created_at           timestamptz not null default now()
      )`);
    await q.query(`
      create table corrective_action_verification (
        id                   uuid primary key,
        tenant_id            text not null,
        corrective_action_id uuid not null references corrective_action(id),
        verified_by          text not null,
        verified_on          date not null,
        effective            boolean not null,
        evidence             text not null,
        recorded_at          timestamptz not null default now()
      )`);

    await q.query(`
      create table improvement_entry (
        id                   uuid primary key,
        tenant_id            text not null,
        source               text not null,
        source_ref           text,
        summary              text not null,
        requirement          text,
        finding_id           uuid references finding(id),
        corrective_action_id uuid references corrective_action(id),
        status               text not null check (status in ('open', 'in-progress', 'closed')),
        created_by           text not null,
        created_at           timestamptz not null
      )`);

    for (const table of ['finding', 'corrective_action', 'corrective_action_task', 'corrective_action_verification', 'improvement_entry']) {
      await enableTenantIsolation(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['improvement_entry', 'corrective_action_verification', 'corrective_action_task', 'corrective_action', 'finding']) {
      await q.query(`drop table ${table}`);
    }
  }
}
