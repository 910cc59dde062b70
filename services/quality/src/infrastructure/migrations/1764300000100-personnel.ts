import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Personnel ledger: persons, employment, qualifications, training and examinations,
 * per-item authorisations (R-5.1.1..R-5.1.5), the last published staffing of each item, plus the
 * two deliberately network-wide tables.
 */
export class Personnel1764300000100 implements MigrationInterface {
  name = 'Personnel1764300000100';

  async up(q: QueryRunner): Promise<void> {
    // Institution ids only, so the periodic sweep can visit each institution under its own RLS scope.
    await q.query(`create table known_institution (institution_id text primary key, first_seen_at timestamptz not null default now())`);

    await q.query(`
      create table number_sequence (
        tenant_id text not null,
        prefix    text not null,
        year      integer not null,
        last      integer not null,
        primary key (tenant_id, prefix, year)
      )`);

    /*
     * R-5.1.5 "a person works for at most one institution" is a rule across the whole network, so
     * this table is intentionally NOT tenant-isolated: each institution's quality service must see
     * that some other institution already employs the person. To make that safe it holds no
     * personal data at all: the identity is a keyed HMAC of the normalised national ID (or
     * registered-metrologist registration number), which cannot be reversed without
     * QUALITY_DATA_KEY; beside it only the institution id and the employment id. The partial unique
     * index makes the rule hold under concurrent requests from different institutions.
     */
    await q.query(`
      create table network_employment (
        identity_key   text not null,
        institution_id text not null,
        employment_id  uuid not null,
        active         boolean not null default true,
        registered_at  timestamptz not null default now(),
        ended_at       timestamptz,
        primary key (identity_key, employment_id)
      )`);
    await q.query(`create unique index network_employment_one_active on network_employment (identity_key) where active`);

    await q.query(`
      create table person (
        id                 uuid primary key,
        tenant_id          text not null,
        full_name          text not null,
        staff_number       text,
        birth_date         date not null,
        national_id_cipher text not null,
        national_id_key    text not null,
        title              text not null check (title in ('none', 'technician', 'assistant-engineer', 'engineer', 'senior-engineer', 'professorate-senior-engineer')),
        created_by         text not null,
        created_at         timestamptz not null default now(),
        unique (tenant_id, national_id_key)
      )`);

    await q.query(`
      create table employment (
        id              uuid primary key,
        tenant_id       text not null,
        person_id       uuid not null references person(id),
        employment_type text not null check (employment_type in ('employee', 'agency')),
        on_site         boolean not null,
        position        text,
        started_on      date not null,
        ended_on        date,
        end_reason      text,
        created_by      text not null,
        created_at      timestamptz not null default now()
      )`);
    await q.query(`create unique index employment_one_open_per_person on employment (person_id) where ended_on is null`);

    await q.query(`
      create table qualification (
        id                         uuid primary key,
        tenant_id                  text not null,
        person_id                  uuid not null references person(id),
        kind                       text not null check (kind in ('registered-metrologist-level-1', 'registered-metrologist-level-2', 'other')),
        name                       text not null,
        registration_number_cipher text,
        registration_key           text,
        valid_from                 date not null,
        valid_until                date,
        created_by                 text not null,
        created_at                 timestamptz not null default now()
      )`);

    await q.query(`
      create table competence_record (
        id           uuid primary key,
        tenant_id    text not null,
        person_id    uuid not null references person(id),
        kind         text not null check (kind in ('training', 'examination')),
        item_code    text,
        title        text not null,
        completed_on date not null,
        result       text not null check (result in ('passed', 'failed', 'attended')),
        assessor     text,
        created_by   text not null,
        created_at   timestamptz not null default now()
      )`);

    await q.query(`
      create table authorisation (
        id                        uuid primary key,
        tenant_id                 text not null,
        person_id                 uuid not null references person(id),
        item_code                 text not null,
        role                      text not null check (role in ('calibrator', 'checker', 'standard-responsible', 'authorised-signatory')),
        valid_from                date not null,
        valid_until               date not null,
        limited_by                text,
        qualified_for_responsible boolean not null,
        status                    text not null check (status in ('active', 'revoked', 'expired')),
        granted_by                text not null,
        granted_at                timestamptz not null default now(),
        ended_on                  date,
        end_reason                text,
        ended_by                  text,
        check (valid_from <= valid_until)
      )`);
    await q.query(`create index authorisation_item on authorisation (tenant_id, item_code) where status = 'active'`);
    await q.query(`create index authorisation_person on authorisation (person_id)`);

    // The institution's items (or disciplines) with their last evaluated staffing.
    await q.query(`
      create table service_item (
        tenant_id                 text not null,
        code                      text not null,
        title                     text,
        authorised_persons        integer not null default 0,
        has_qualified_responsible boolean not null default false,
        adequate                  boolean not null default false,
        evaluated_on              date,
        open_finding_id           uuid,
        primary key (tenant_id, code)
      )`);

    for (const table of ['number_sequence', 'person', 'employment', 'qualification', 'competence_record', 'authorisation', 'service_item']) {
      await enableTenantIsolation(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'service_item', 'authorisation', 'competence_record', 'qualification', 'employment', 'person', 'network_employment', 'number_sequence', 'known_institution',
    ]) {
      await q.query(`drop table ${table}`);
    }
  }
}
