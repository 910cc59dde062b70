import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Measurement standards and their authorised scope: certificates with validity, the
 * equipment that makes up each standard, authorised items and their ranges with best measurement
 * capability as `numeric` (exact decimals, trailing zeros kept).
 */
export class MeasurementStandards1764200000200 implements MigrationInterface {
  name = 'MeasurementStandards1764200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table measurement_standard (
        id                   uuid primary key,
        tenant_id            text not null,
        code                 text not null,
        name                 text not null,
        category             text not null check (category in ('public', 'department-highest', 'enterprise-highest', 'working')),
        serves_society       boolean not null,
        responsible_id       text,
        suspended_reason     text,
        published_scope_hash text,
        created_at           timestamptz not null default now(),
        created_by           text not null,
        unique (tenant_id, code)
      )`);
    await q.query(`
      create table measurement_standard_equipment (
        tenant_id    text not null,
        standard_id  uuid not null references measurement_standard(id),
        equipment_id uuid not null references equipment(id),
        primary key (standard_id, equipment_id)
      )`);
    await q.query(`create index measurement_standard_equipment_by_equipment on measurement_standard_equipment (equipment_id)`);
    await q.query(`
      create table standard_certificate (
        id           uuid primary key,
        tenant_id    text not null,
        standard_id  uuid not null references measurement_standard(id),
        kind         text not null check (kind in ('assessment', 'public-standard', 'authorisation')),
        number       text not null,
        issuer       text not null,
        issued_on    date not null,
        valid_until  date not null,
        recorded_at  timestamptz not null default now(),
        unique (tenant_id, kind, number),
        check (valid_until >= issued_on)
      )`);
    await q.query(`
      create table authorised_item (
        id             uuid primary key,
        tenant_id      text not null,
        standard_id    uuid not null references measurement_standard(id),
        position       integer not null,
        name           text not null,
        quantity       text not null,
        service_kinds  text[] not null,
        method_codes   text[] not null
      )`);
    await q.query(`
      create table authorised_range (
        id            uuid primary key,
        tenant_id     text not null,
        item_id       uuid not null references authorised_item(id) on delete cascade,
        position      integer not null,
        lower         numeric not null,
        upper         numeric not null,
        unit          text not null,
        bmc_expanded_uncertainty numeric not null check (bmc_expanded_uncertainty > 0),
        bmc_unit      text not null,
        bmc_coverage_factor numeric not null check (bmc_coverage_factor > 0),
        check (lower <= upper)
      )`);
    for (const table of ['measurement_standard', 'measurement_standard_equipment', 'standard_certificate', 'authorised_item', 'authorised_range']) {
      await enableTenantIsolation(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['authorised_range', 'authorised_item', 'standard_certificate', 'measurement_standard_equipment', 'measurement_standard']) {
      await q.query(`drop table ${table}`);
    }
  }
}
