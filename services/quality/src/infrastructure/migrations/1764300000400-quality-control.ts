import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/** Proficiency testing and comparisons, check-standard control charts. Values are numeric, never float. */
export class QualityControl1764300000400 implements MigrationInterface {
  name = 'QualityControl1764300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table proficiency_round (
        id         uuid primary key,
        tenant_id  text not null,
        scheme     text not null check (scheme in ('proficiency-test', 'interlaboratory-comparison', 'internal-comparison')),
        provider   text not null,
        round_code text not null,
        item_code  text not null,
        title      text not null,
        scoring    text not null check (scoring in ('En', 'z', 'zeta')),
        closes_on  date,
        created_by text not null,
        created_at timestamptz not null,
        unique (tenant_id, provider, round_code)
      )`);
    await q.query(`
      create table proficiency_result (
        id                   uuid primary key,
        tenant_id            text not null,
        round_id             uuid not null references proficiency_round(id),
        artefact             text not null,
        unit                 text not null,
        lab_value            numeric not null,
        lab_uncertainty      numeric check (lab_uncertainty >= 0),
        assigned_value       numeric not null,
        assigned_uncertainty numeric check (assigned_uncertainty >= 0),
        sigma_pt             numeric check (sigma_pt > 0),
        score                numeric not null,
        classification       text not null check (classification in ('satisfactory', 'questionable', 'unsatisfactory')),
        finding_id           uuid references finding(id),
        corrective_action_id uuid references corrective_action(id),
        recorded_by          text not null,
        recorded_at          timestamptz not null,
        unique (round_id, artefact)
      )`);
    await q.query(`
      create table control_chart (
        id            uuid primary key,
        tenant_id     text not null,
        item_code     text not null,
        name          text not null,
        check_standard text not null,
        quantity      text not null,
        unit          text not null,
        centre_line   numeric not null,
        sigma         numeric not null check (sigma > 0),
        created_by    text not null,
        created_at    timestamptz not null
      )`);
    await q.query(`
      create table control_point (
        seq         bigserial primary key,
        id          uuid not null unique,
        tenant_id   text not null,
        chart_id    uuid not null references control_chart(id),
        value       numeric not null,
        measured_at timestamptz not null,
        violations  text[] not null,
        finding_id  uuid references finding(id),
        recorded_by text not null,
        recorded_at timestamptz not null
      )`);
    await q.query(`create index control_point_chart on control_point (chart_id, seq)`);
    for (const table of ['proficiency_round', 'proficiency_result', 'control_chart', 'control_point']) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['control_point', 'control_chart', 'proficiency_result', 'proficiency_round']) await q.query(`drop table ${table}`);
  }
}
