import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** Customer satisfaction surveys tied to completed (returned) items, and their responses. */
export class Satisfaction1764300000800 implements MigrationInterface {
  name = 'Satisfaction1764300000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table satisfaction_survey (
        id           uuid primary key,
        tenant_id    text not null,
        return_id    uuid not null,
        contract_id  uuid not null,
        item_id      uuid not null,
        label        text not null,
        site         text,
        discipline   text,
        within_time_limit boolean,
        completed_at timestamptz not null,
        status       text not null check (status in ('awaiting-response', 'answered')),
        created_at   timestamptz not null,
        unique (tenant_id, return_id)
      )`);
    await q.query(`
      create table satisfaction_response (
        id             uuid primary key,
        tenant_id      text not null,
        survey_id      uuid not null unique references satisfaction_survey(id),
        channel        text not null check (channel in ('web-form', 'phone', 'mail', 'email', 'in-person')),
        overall        integer not null check (overall between 1 and 5),
        timeliness     integer check (timeliness between 1 and 5),
        service        integer check (service between 1 and 5),
        report_quality integer check (report_quality between 1 and 5),
        classification text not null check (classification in ('praise', 'suggestion', 'criticism', 'neutral')),
        comment        text,
        finding_id     uuid references finding(id),
        recorded_by    text not null,
        recorded_at    timestamptz not null
      )`);
    for (const table of ['satisfaction_survey', 'satisfaction_response']) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['satisfaction_response', 'satisfaction_survey']) await q.query(`drop table ${table}`);
  }
}
