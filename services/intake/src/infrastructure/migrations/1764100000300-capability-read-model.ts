import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * The capability read model for contract review, fed only by events: authorised scope
 * of measurement standards, equipment status, the method library
 * from equipment; per-item authorisations and staffing verdicts from quality.
 * Every event carries its aggregate's full state, so each row is replaced whole; `occurred_at`
 * keeps an older event that arrives late from overwriting a newer state.
 */
export class CapabilityReadModel1764100000300 implements MigrationInterface {
  name = 'CapabilityReadModel1764100000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table rm_measurement_standard (
        tenant_id        text not null,
        standard_id      uuid not null,
        code             text not null,
        name             text not null,
        category         text not null,
        valid            boolean not null,
        invalid_reasons  jsonb not null,
        valid_until      date,
        equipment_ids    uuid[] not null,
        items            jsonb not null,
        certificates     jsonb not null,
        source_event_id  uuid not null,
        occurred_at      timestamptz not null,
        primary key (tenant_id, standard_id)
      )`);
    await q.query(`
      create table rm_equipment (
        tenant_id           text not null,
        equipment_id        uuid not null,
        asset_number        text not null,
        name                text not null,
        kind                text not null,
        status              text not null,
        usable              boolean not null,
        effective_on        date not null,
        last_calibrated_on  date,
        due_date            date,
        source_event_id     uuid not null,
        occurred_at         timestamptz not null,
        primary key (tenant_id, equipment_id)
      )`);
    await q.query(`
      create table rm_method (
        tenant_id            text not null,
        method_id            uuid not null,
        code                 text not null,
        version              text not null,
        title                text not null,
        status               text not null,
        usable               boolean not null,
        effective_from       date not null,
        withdrawn_on         date,
        superseded_by        jsonb,
        environmental_limits jsonb not null,
        source_event_id      uuid not null,
        occurred_at          timestamptz not null,
        primary key (tenant_id, method_id)
      )`);
    await q.query(`create index rm_method_code on rm_method (tenant_id, code, version)`);
    await q.query(`
      create table rm_authorisation (
        tenant_id                   text not null,
        authorisation_id            uuid not null,
        person_id                   uuid not null,
        item_code                   text not null,
        role                        text not null,
        valid_from                  date not null,
        valid_until                 date not null,
        qualified_for_responsible   boolean not null,
        ended_on                    date,
        end_reason                  text,
        source_event_id             uuid not null,
        occurred_at                 timestamptz not null,
        primary key (tenant_id, authorisation_id)
      )`);
    await q.query(`create index rm_authorisation_item on rm_authorisation (tenant_id, item_code)`);
    await q.query(`
      create table rm_item_staffing (
        tenant_id                  text not null,
        item_code                  text not null,
        authorised_persons         integer not null,
        has_qualified_responsible  boolean not null,
        adequate                   boolean not null,
        evaluated_on               date not null,
        source_event_id            uuid not null,
        occurred_at                timestamptz not null,
        primary key (tenant_id, item_code)
      )`);
    for (const table of ['rm_measurement_standard', 'rm_equipment', 'rm_method', 'rm_authorisation', 'rm_item_staffing']) {
      await enableTenantIsolation(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['rm_item_staffing', 'rm_authorisation', 'rm_method', 'rm_equipment', 'rm_measurement_standard']) {
      await q.query(`drop table ${table}`);
    }
  }
}
