import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * The equipment ledger: equipment, its file
 * (documents, history), calibrations with their traceability reference, confirmations,
 * suspensions, intermediate checks and calibration plans. Status is never stored as a fact:
 * `published_*` only remembers what was last announced, so a change can be detected and told once.
 */
export class EquipmentLedger1764200000100 implements MigrationInterface {
  name = 'EquipmentLedger1764200000100';

  async up(q: QueryRunner): Promise<void> {
    // Holds institution ids only (no tenant data), so the daily status sweep can visit every
    // institution; tenant-owned tables below are all under row-level security.
    await q.query(`create table tenant_directory (tenant_id text primary key, first_seen_at timestamptz not null default now())`);
    await q.query(`
      create table institution_profile (
        tenant_id  text primary key,
        name       text not null,
        label_note text
      )`);
    await q.query(`
      create table equipment (
        id                         uuid primary key,
        tenant_id                  text not null,
        asset_number               text not null,
        name                       text not null,
        kind                       text not null check (kind in ('instrument', 'standard-equipment', 'reference-material', 'auxiliary')),
        equipment_type             text not null,
        manufacturer               text,
        model                      text,
        serial_number              text,
        measuring_range            text,
        location                   text not null,
        owner_section              text not null,
        responsible_id             text,
        storage_conditions         text,
        commissioned_on            date,
        calibration_required       boolean not null,
        calibration_interval_months integer check (calibration_interval_months between 1 and 120),
        due_warning_days           integer not null default 30 check (due_warning_days between 0 and 365),
        confirmation_mpe           numeric check (confirmation_mpe > 0),
        confirmation_unit          text,
        confirmation_rule          text check (confirmation_rule in ('simple', 'guarded')),
        retired_on                 date,
        retirement_reason          text,
        public_id                  text not null unique,
        published_status           text,
        published_reason           text,
        published_due_date         date,
        created_at                 timestamptz not null default now(),
        created_by                 text not null,
        unique (tenant_id, asset_number),
        check (not calibration_required or calibration_interval_months is not null)
      )`);
    await q.query(`
      create table equipment_document (
        id           uuid primary key,
        tenant_id    text not null,
        equipment_id uuid not null references equipment(id),
        kind         text not null,
        title        text not null,
        reference    text not null,
        added_at     timestamptz not null default now(),
        added_by     text not null
      )`);
    // Append-only history of the equipment file: every recorded fact leaves a line here.
    await q.query(`
      create table equipment_history (
        seq          bigserial primary key,
        tenant_id    text not null,
        equipment_id uuid not null references equipment(id),
        at           timestamptz not null default now(),
        event        text not null,
        detail       jsonb not null default '{}',
        actor        text not null
      )`);
    await q.query(`create index equipment_history_by_equipment on equipment_history (equipment_id, seq)`);
    await q.query(`
      create table equipment_suspension (
        id            uuid primary key,
        tenant_id     text not null,
        equipment_id  uuid not null references equipment(id),
        kind          text not null check (kind in ('suspended', 'out-of-service')),
        reason_code   text not null,
        reason        text not null,
        source_id     uuid,
        started_on    date not null,
        started_by    text not null,
        lifted_on     date,
        lifted_by     text,
        lift_reason   text
      )`);
    await q.query(`create index equipment_suspension_open on equipment_suspension (equipment_id) where lifted_on is null`);
    await q.query(`
      create table calibration (
        id                          uuid primary key,
        tenant_id                   text not null,
        equipment_id                uuid not null references equipment(id),
        service_kind                text not null check (service_kind in ('calibration', 'verification')),
        certificate_number          text not null,
        issuer                      text not null,
        calibrated_on               date not null,
        valid_until                 date,
        reference_kind              text not null check (reference_kind in ('own-equipment', 'external')),
        reference_equipment_id      uuid references equipment(id),
        reference_name              text,
        reference_certificate_number text,
        reference_valid_until       date,
        traceable_to                text check (traceable_to in ('national-primary-standard', 'alternative-reference')),
        national_standard           text,
        comparison_evidence         text,
        results                     jsonb not null default '[]',
        recorded_at                 timestamptz not null default now(),
        recorded_by                 text not null,
        unique (tenant_id, equipment_id, certificate_number),
        check (reference_kind <> 'own-equipment' or reference_equipment_id is not null)
      )`);
    await q.query(`create index calibration_by_equipment on calibration (equipment_id, calibrated_on desc)`);
    await q.query(`
      create table metrological_confirmation (
        id             uuid primary key,
        tenant_id      text not null,
        equipment_id   uuid not null references equipment(id),
        calibration_id uuid not null unique references calibration(id),
        decided_on     date not null,
        outcome        text not null check (outcome in ('confirmed', 'not-confirmed')),
        rule           text not null,
        mpe            numeric not null,
        unit           text,
        points         jsonb not null
      )`);
    await q.query(`
      create table intermediate_check_plan (
        id              uuid primary key,
        tenant_id       text not null,
        equipment_id    uuid not null references equipment(id),
        title           text not null,
        interval_days   integer not null check (interval_days between 1 and 3650),
        first_due_on    date not null,
        check_standard_id uuid references equipment(id),
        points          jsonb not null,
        created_at      timestamptz not null default now(),
        created_by      text not null
      )`);
    await q.query(`
      create table intermediate_check (
        id                uuid primary key,
        tenant_id         text not null,
        equipment_id      uuid not null references equipment(id),
        plan_id           uuid references intermediate_check_plan(id),
        performed_on      date not null,
        performed_by      text not null,
        check_standard_id uuid references equipment(id),
        passed            boolean not null,
        results           jsonb not null,
        recorded_at       timestamptz not null default now()
      )`);
    await q.query(`
      create table calibration_plan (
        id            uuid primary key,
        tenant_id     text not null,
        period        text not null,
        period_start  date not null,
        period_end    date not null,
        generated_on  date not null,
        generated_by  text not null,
        unique (tenant_id, period)
      )`);
    await q.query(`
      create table calibration_plan_entry (
        id              uuid primary key,
        tenant_id       text not null,
        plan_id         uuid not null references calibration_plan(id),
        equipment_id    uuid not null references equipment(id),
        due_date        date,
        status_when_planned text not null,
        last_calibrated_when_planned date,
        unique (plan_id, equipment_id)
      )`);
    for (const table of [
      'institution_profile', 'equipment', 'equipment_document', 'equipment_history', 'equipment_suspension', 'calibration',
      'metrological_confirmation', 'intermediate_check_plan', 'intermediate_check', 'calibration_plan', 'calibration_plan_entry',
    ]) {
      await enableTenantIsolation(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'calibration_plan_entry', 'calibration_plan', 'intermediate_check', 'intermediate_check_plan', 'metrological_confirmation',
      'calibration', 'equipment_suspension', 'equipment_history', 'equipment_document', 'equipment', 'institution_profile', 'tenant_directory',
    ]) {
      await q.query(`drop table ${table}`);
    }
  }
}
