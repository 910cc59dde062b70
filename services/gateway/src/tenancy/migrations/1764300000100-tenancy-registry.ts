import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenancy registry: lab networks contain institutions (legal entities with legal
 * status, authorising entity and responsible persons), institutions contain sites; users hold
 * memberships with roles; regulators hold jurisdiction over chosen institutions. Not under
 * row-level security: the gateway is the one place that resolves who belongs where.
 */
export class TenancyRegistry1764300000100 implements MigrationInterface {
  name = 'TenancyRegistry1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table lab_network (id text primary key, name text not null)`);
    await q.query(`
      create table institution (
        id                  text primary key,
        network_id          text not null references lab_network(id),
        name                text not null,
        legal_status        text not null check (legal_status in ('legal-entity', 'authorised-by-legal-entity')),
        authorising_entity  text,
        responsible_persons jsonb not null check (jsonb_array_length(responsible_persons) > 0),
        registration_number text,
        service_flow        text,
        service_commitments text,
        disclosure_reviewed_on date,
        check (legal_status = 'legal-entity' or authorising_entity is not null)
      )`);
    await q.query(`
      create table site (
        id             text primary key,
        institution_id text not null references institution(id),
        name           text not null,
        address        text not null
      )`);
    await q.query(`
      create table app_user (
        id           text primary key,
        issuer       text not null,
        subject      text not null,
        display_name text not null,
        unique (issuer, subject)
      )`);
    await q.query(`
      create table membership (
        user_id        text not null references app_user(id),
        network_id     text not null references lab_network(id),
        institution_id text references institution(id),
        site_id        text references site(id),
        roles          text[] not null check (cardinality(roles) > 0),
        unique nulls not distinct (user_id, network_id, institution_id, site_id)
      )`);
    await q.query(`
      create table regulator_jurisdiction (
        user_id        text not null references app_user(id),
        institution_id text not null references institution(id),
        primary key (user_id, institution_id)
      )`);
    await q.query(`
      create table regulator_access_log (
        id          bigserial primary key,
        at          timestamptz not null default now(),
        user_id     text not null,
        institution text not null,
        method      text not null,
        path        text not null,
        status      int not null,
        request_id  text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['regulator_access_log', 'regulator_jurisdiction', 'membership', 'app_user', 'site', 'institution', 'lab_network']) {
      await q.query(`drop table ${table}`);
    }
  }
}
