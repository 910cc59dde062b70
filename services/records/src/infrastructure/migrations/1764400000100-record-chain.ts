import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

const date = (column: string, nullable = true) =>
  `${column} text ${nullable ? '' : 'not null'} check (${column} ~ '^\\d{4}-\\d{2}-\\d{2}$')`;

/**
 * The records service proper (issue 6): the append-only, hash-chained record journal
 * (R-6.3.3, R-6.3.4, R-7.2), the raw_record projection's new columns, checkpoints, the local read
 * models of other services' events (methods, equipment, standards and scope, authorisations,
 * environment excursions, on-site clearances, adjustment consents), approved results for trend
 * checks (R-8.2), the archive access log and destruction lists (R-6.3.6, R-7.3).
 *
 * Dates of the lab calendar are stored as ISO text (`YYYY-MM-DD`), which compares correctly and is
 * never shifted by a time zone on the way out.
 */
export class RecordChain1764400000100 implements MigrationInterface {
  name = 'RecordChain1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table tenant_directory (tenant_id text primary key, first_seen_at timestamptz not null default now())`);

    // ------------------------------------------------------------ raw_record projection
    await q.query(`
      alter table raw_record
        add column record_number     text,
        add column customer_id       text,
        add column place_of_work     text,
        add column nominal_range     text,
        add column item_code         text,
        add column method_version    text,
        add column method_id         uuid,
        add column section           text,
        add column ${date('promised_date')},
        add column current_version   int not null default 0,
        add column head_hash         text,
        add column calibrator        text,
        add column checker           text,
        add column persons           text[] not null default '{}',
        add column room_id           uuid,
        add column room_code         text,
        add column standard_ids      uuid[] not null default '{}',
        add column equipment_ids     uuid[] not null default '{}',
        add column opened_at         timestamptz,
        add column submitted_at      timestamptz,
        add column approved_at       timestamptz,
        add column measured_from     timestamptz,
        add column measured_to       timestamptz,
        add column retention_class   text,
        add column ${date('retain_until')},
        add column remeasurement_of  uuid,
        add column remeasured_by     uuid,
        add column blocked_by        jsonb not null default '[]',
        add column destroyed_at      timestamptz,
        add column updated_at        timestamptz not null default now()`);
    // Institutions with records of the first slice, so they can be adopted into the journal at start.
    await q.query(`alter table raw_record no force row level security`);
    await q.query(`insert into tenant_directory (tenant_id) select distinct tenant_id from raw_record on conflict do nothing`);
    await q.query(`alter table raw_record force row level security`);
    await q.query(`create unique index raw_record_number on raw_record (tenant_id, record_number)`);
    await q.query(`create index raw_record_serial on raw_record (tenant_id, serial_number)`);
    await q.query(`create index raw_record_order on raw_record (tenant_id, order_number)`);
    await q.query(`create index raw_record_status on raw_record (tenant_id, status)`);
    await q.query(`create index raw_record_standards on raw_record using gin (standard_ids)`);
    await q.query(`create index raw_record_persons on raw_record using gin (persons)`);
    await q.query(`create table record_number_seq (tenant_id text not null, year int not null, last int not null, primary key (tenant_id, year))`);
    await enableTenantIsolation(q, 'record_number_seq');

    // ------------------------------------------------------------ the chain
    await q.query(`
      create table record_entry (
        id              uuid primary key,
        tenant_id       text not null,
        seq             bigint not null,
        record_id       uuid not null,
        record_version  int not null,
        kind            text not null,
        payload         jsonb,
        payload_hash    text not null,
        actor           text not null,
        recorded_at     timestamptz not null,
        prev_hash       text not null,
        entry_hash      text not null,
        unique (tenant_id, seq),
        unique (record_id, record_version)
      )`);
    await q.query(`create index record_entry_record on record_entry (tenant_id, record_id, record_version)`);
    await enableTenantIsolation(q, 'record_entry');
    await q.query(`
      create table chain_head (
        tenant_id  text primary key,
        seq        bigint not null,
        head_hash  text not null,
        updated_at timestamptz not null
      )`);
    await enableTenantIsolation(q, 'chain_head');
    await q.query(`
      create table chain_checkpoint (
        id                     uuid primary key,
        tenant_id              text not null,
        from_seq               bigint not null,
        to_seq                 bigint not null,
        entry_count            int not null,
        head_hash              text not null,
        merkle_root            text not null,
        previous_checkpoint_id uuid,
        previous_head_hash     text,
        created_at             timestamptz not null,
        unique (tenant_id, to_seq)
      )`);
    await enableTenantIsolation(q, 'chain_checkpoint');

    // Defence in depth below the hash chain: the application never updates or deletes an entry,
    // and the database refuses it too. Only an approved destruction may empty the
    // content of an expired record's entries, leaving their hashes. Whoever can drop these
    // triggers (the schema owner) is still caught by the chain check.
    await q.query(`
      create function record_entry_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'R-6.3.4: record entries are append-only and are never deleted' using errcode = 'P0001';
        end if;
        if coalesce(current_setting('calchain.records.destruction', true), '') <> ''
           and old.payload is not null and new.payload is null
           and (new.id, new.tenant_id, new.seq, new.record_id, new.record_version, new.kind, new.payload_hash, new.actor, new.recorded_at, new.prev_hash, new.entry_hash)
             = (old.id, old.tenant_id, old.seq, old.record_id, old.record_version, old.kind, old.payload_hash, old.actor, old.recorded_at, old.prev_hash, old.entry_hash)
        then
          return new;
        end if;
        raise exception 'R-6.3.4: record entries are append-only; a correction is a new entry' using errcode = 'P0001';
      end $$`);
    await q.query(`create trigger record_entry_append_only before update or delete on record_entry for each row execute function record_entry_append_only()`);
    await q.query(`
      create function raw_record_never_deleted() returns trigger language plpgsql as $$
      begin
        raise exception 'R-6.3.6: raw records are never deleted; expired records are destroyed through an approved destruction list' using errcode = 'P0001';
      end $$`);
    await q.query(`create trigger raw_record_never_deleted before delete on raw_record for each row execute function raw_record_never_deleted()`);
    await q.query(`
      create function chain_checkpoint_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'R-7.2: chain checkpoints are immutable' using errcode = 'P0001';
      end $$`);
    await q.query(`create trigger chain_checkpoint_immutable before update or delete on chain_checkpoint for each row execute function chain_checkpoint_immutable()`);

    // ------------------------------------------------------------ read models of other services' events
    await q.query(`
      create table rm_method (
        tenant_id                text not null,
        method_id                uuid not null,
        code                     text not null,
        version                  text not null,
        title                    text not null,
        status                   text not null,
        usable                   boolean not null,
        ${date('effective_from', false)},
        ${date('withdrawn_on')},
        environmental_limits     jsonb not null,
        readings                 jsonb not null,
        measurement_model        jsonb,
        required_equipment_kinds jsonb not null,
        updated_at               timestamptz not null,
        primary key (tenant_id, method_id)
      )`);
    await q.query(`create index rm_method_code on rm_method (tenant_id, code, version)`);
    await q.query(`
      create table rm_equipment (
        tenant_id         text not null,
        equipment_id      uuid not null,
        asset_number      text not null,
        name              text not null,
        kind              text not null,
        status            text not null,
        reason            text not null,
        usable            boolean not null,
        ${date('effective_on', false)},
        ${date('last_calibrated_on')},
        ${date('due_date')},
        measurement_standard_ids jsonb not null,
        updated_at        timestamptz not null,
        primary key (tenant_id, equipment_id)
      )`);
    await q.query(`
      create table rm_standard (
        tenant_id       text not null,
        standard_id     uuid not null,
        code            text not null,
        name            text not null,
        category        text not null,
        valid           boolean not null,
        invalid_reasons jsonb not null,
        ${date('valid_until')},
        certificates    jsonb not null,
        equipment_ids   jsonb not null,
        items           jsonb not null,
        updated_at      timestamptz not null,
        primary key (tenant_id, standard_id)
      )`);
    await q.query(`
      create table rm_authorisation (
        tenant_id        text not null,
        authorisation_id uuid not null,
        person_id        text not null,
        item_code        text not null,
        role             text not null,
        ${date('valid_from', false)},
        ${date('valid_until', false)},
        qualified        boolean not null,
        ${date('ended_on')},
        end_reason       text,
        updated_at       timestamptz not null,
        primary key (tenant_id, authorisation_id)
      )`);
    await q.query(`create index rm_authorisation_person on rm_authorisation (tenant_id, person_id, item_code, role)`);
    await q.query(`
      create table rm_excursion (
        tenant_id    text not null,
        excursion_id uuid not null,
        room_id      uuid not null,
        room_code    text not null,
        quantity     text not null,
        unit         text,
        lower        text,
        upper        text,
        value        text,
        worst_value  text,
        device_id    text,
        started_at   timestamptz not null,
        ended_at     timestamptz,
        primary key (tenant_id, excursion_id)
      )`);
    await q.query(`create index rm_excursion_room on rm_excursion (tenant_id, room_id, quantity, started_at)`);
    await q.query(`
      create table rm_on_site_clearance (
        tenant_id                    text not null,
        job_id                       uuid not null,
        contract_id                  uuid not null,
        item_ids                     uuid[] not null,
        conditions_meet_method       boolean not null,
        impact_assessment_id         uuid,
        technical_manager_consent_by text,
        customer_consent_id          uuid,
        cleared_at                   timestamptz not null,
        primary key (tenant_id, job_id)
      )`);
    await q.query(`create index rm_on_site_clearance_items on rm_on_site_clearance using gin (item_ids)`);
    await q.query(`
      create table rm_adjustment_consent (
        tenant_id   text not null,
        item_id     uuid not null,
        consent_id  uuid not null,
        contract_id uuid not null,
        ${date('granted_on', false)},
        primary key (tenant_id, item_id, consent_id)
      )`);

    // ------------------------------------------------------------ history, archive
    await q.query(`
      create table approved_result (
        tenant_id            text not null,
        record_id            uuid not null,
        result_id            text not null,
        serial_number        text,
        description          text not null,
        method_code          text not null,
        quantity             text not null,
        point                text not null,
        adjustment           text not null,
        measured_value       text not null,
        unit                 text not null,
        expanded_uncertainty text not null,
        uncertainty_unit     text not null,
        approved_at          timestamptz not null,
        primary key (tenant_id, record_id, result_id)
      )`);
    await q.query(`create index approved_result_item on approved_result (tenant_id, serial_number, method_code, point)`);
    await q.query(`
      create table record_access_log (
        id        uuid primary key,
        tenant_id text not null,
        record_id uuid,
        subject   text not null,
        roles     text[] not null,
        in_job    boolean not null,
        action    text not null,
        at        timestamptz not null
      )`);
    await q.query(`create index record_access_log_record on record_access_log (tenant_id, record_id, at)`);
    await q.query(`
      create table destruction_list (
        id          uuid primary key,
        tenant_id   text not null,
        status      text not null,
        ${date('cutoff', false)},
        record_ids  uuid[] not null,
        proposed_by text not null,
        proposed_at timestamptz not null,
        approved_by text,
        approved_at timestamptz
      )`);
    for (const table of [
      'rm_method', 'rm_equipment', 'rm_standard', 'rm_authorisation', 'rm_excursion', 'rm_on_site_clearance', 'rm_adjustment_consent',
      'approved_result', 'record_access_log', 'destruction_list',
    ]) {
      await enableTenantIsolation(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'destruction_list', 'record_access_log', 'approved_result', 'rm_adjustment_consent', 'rm_on_site_clearance', 'rm_excursion', 'rm_authorisation',
      'rm_standard', 'rm_equipment', 'rm_method', 'chain_checkpoint', 'chain_head', 'record_entry', 'record_number_seq', 'tenant_directory',
    ]) {
      await q.query(`drop table ${table}`);
    }
    await q.query(`drop trigger raw_record_never_deleted on raw_record`);
    await q.query(`drop function raw_record_never_deleted(), record_entry_append_only(), chain_checkpoint_immutable()`);
  }
}
