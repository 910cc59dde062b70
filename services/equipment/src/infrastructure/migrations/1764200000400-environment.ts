import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Rooms and environmental monitoring. Readings are a narrow time series keyed
 * by (tenant, device, quantity, time): the key makes a re-sent batch a no-op, and the
 * (room, quantity, time) index answers "conditions in room R at time t" and interval checks
 * with index range scans. Values are `numeric`, compared with limits exactly in SQL.
 */
export class Environment1764200000400 implements MigrationInterface {
  name = 'Environment1764200000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table room (
        id                  uuid primary key,
        tenant_id           text not null,
        code                text not null,
        name                text not null,
        kind                text not null check (kind in ('room', 'zone')),
        parent_id           uuid references room(id),
        activities          text[] not null default '{}',
        excluded_activities text[] not null default '{}',
        access_list         text[] not null default '{}',
        limits              jsonb not null default '[]',
        created_at          timestamptz not null default now(),
        unique (tenant_id, code)
      )`);
    await q.query(`
      create table sensor_device (
        tenant_id     text not null,
        device_id     text not null,
        room_id       uuid not null references room(id),
        quantities    text[] not null,
        registered_at timestamptz not null default now(),
        primary key (tenant_id, device_id)
      )`);
    await q.query(`
      create table env_reading (
        tenant_id  text not null,
        device_id  text not null,
        quantity   text not null,
        at         timestamptz not null,
        room_id    uuid not null,
        value      numeric not null,
        primary key (tenant_id, device_id, quantity, at)
      )`);
    await q.query(`create index env_reading_by_room on env_reading (tenant_id, room_id, quantity, at)`);
    // Where live excursion detection stands per room and quantity: the newest reading evaluated
    // and the excursion in progress, locked per batch so concurrent batches take turns.
    await q.query(`
      create table env_monitor_state (
        tenant_id        text not null,
        room_id          uuid not null references room(id),
        quantity         text not null,
        last_at          timestamptz not null,
        open_excursion_id uuid,
        primary key (tenant_id, room_id, quantity)
      )`);
    await q.query(`
      create table env_excursion (
        id           uuid primary key,
        tenant_id    text not null,
        room_id      uuid not null references room(id),
        quantity     text not null,
        lower        numeric,
        upper        numeric,
        unit         text not null,
        device_id    text not null,
        started_at   timestamptz not null,
        first_value  numeric not null,
        worst_value  numeric not null,
        ended_at     timestamptz
      )`);
    await q.query(`create index env_excursion_by_room on env_excursion (room_id, started_at)`);
    for (const table of ['room', 'sensor_device', 'env_reading', 'env_monitor_state', 'env_excursion']) await enableTenantIsolation(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['env_excursion', 'env_monitor_state', 'env_reading', 'sensor_device', 'room']) await q.query(`drop table ${table}`);
  }
}
