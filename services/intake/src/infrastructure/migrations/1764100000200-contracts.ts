import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * Customers, contracts with their versions and items, contract reviews with their checks,
 * customer consents, subcontracting and deviations.
 *
 * Records the standard wants kept as they were are immutable in the database itself: contract
 * versions and their items, reviews and their checks, and customer consents. A trigger
 * refuses every UPDATE and DELETE on them, whatever the application does.
 */
export class Contracts1764100000200 implements MigrationInterface {
  name = 'Contracts1764100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create function forbid_change() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are immutable records (R-6.1.4)', tg_table_name using errcode = '55000';
      end $$`);
    // Institution ids only (no tenant data), so the time-limit sweep can visit every institution.
    await q.query(`create table tenant_directory (tenant_id text primary key, first_seen_at timestamptz not null default now())`);

    await q.query(`
      create table customer (
        id          uuid primary key,
        tenant_id   text not null,
        code        text not null,
        name        text not null,
        kind        text not null check (kind in ('organisation', 'individual')),
        address     text,
        created_by  text not null,
        created_at  timestamptz not null,
        unique (tenant_id, code)
      )`);
    // Personal data: never in events or logs; only the id travels.
    await q.query(`
      create table customer_contact (
        id          uuid primary key,
        tenant_id   text not null,
        customer_id uuid not null references customer(id),
        name        text not null,
        role        text,
        phone       text,
        email       text,
        created_by  text not null,
        created_at  timestamptz not null
      )`);

    await q.query(`
      create table contract_number (
        tenant_id text not null,
        year      integer not null,
        last      integer not null,
        primary key (tenant_id, year)
      )`);
    await q.query(`
      create table contract (
        id                uuid primary key,
        tenant_id         text not null,
        number            text not null,
        customer_id       uuid not null references customer(id),
        contact_id        uuid references customer_contact(id),
        status            text not null check (status in ('draft', 'accepted', 'change-pending', 'cancelled')),
        current_version   integer not null,
        accepted_version  integer,
        accepted_review_id uuid,
        accepted_at       timestamptz,
        accepted_by       text,
        created_by        text not null,
        created_at        timestamptz not null,
        updated_at        timestamptz not null,
        unique (tenant_id, number)
      )`);
    await q.query(`create index contract_customer on contract (tenant_id, customer_id)`);
    await q.query(`
      create table contract_version (
        id                    uuid primary key,
        tenant_id             text not null,
        contract_id           uuid not null references contract(id),
        version               integer not null,
        written_requirements  text,
        oral_requirements     jsonb not null,
        change_reason         text,
        total                 numeric(14, 2) not null,
        created_by            text not null,
        created_at            timestamptz not null,
        unique (contract_id, version)
      )`);
    await q.query(`
      create table contract_item (
        id                          uuid primary key,
        tenant_id                   text not null,
        contract_version_id         uuid not null references contract_version(id),
        item_id                     uuid not null,
        position                    integer not null,
        instrument_type             text not null,
        manufacturer                text,
        model                       text,
        serial_number               text,
        accuracy_class              text,
        range_lower                 numeric not null,
        range_upper                 numeric not null,
        range_unit                  text not null,
        required_uncertainty        numeric,
        required_uncertainty_unit   text,
        service_kind                text not null check (service_kind in ('calibration', 'verification')),
        method_code                 text not null,
        method_version              text not null,
        item_code                   text not null,
        discipline                  text not null,
        place                       text not null check (place in ('lab', 'on-site')),
        requested_completion_date   date,
        fee_code                    text not null,
        quantity                    integer not null check (quantity > 0),
        unit_price                  numeric(14, 2) not null,
        price                       numeric(14, 2) not null,
        conformity_statement        boolean not null,
        decision_rule               text check (decision_rule in ('simple', 'guarded', 'non-binary')),
        guard_band                  numeric,
        guard_band_unit             text,
        requirements                text,
        unique (contract_version_id, item_id),
        unique (contract_version_id, position),
        check (range_lower <= range_upper)
      )`);
    await q.query(`create index contract_item_item on contract_item (tenant_id, item_id)`);

    await q.query(`
      create table contract_review (
        id                     uuid primary key,
        tenant_id              text not null,
        contract_id            uuid not null references contract(id),
        contract_version       integer not null,
        trigger                text not null check (trigger in ('created', 'changed', 'requested')),
        outcome                text not null check (outcome in ('passed', 'failed')),
        as_of                  date not null,
        customer_must_be_told  boolean not null,
        reviewed_by            text not null,
        reviewed_at            timestamptz not null,
        foreign key (contract_id, contract_version) references contract_version(contract_id, version)
      )`);
    await q.query(`create index contract_review_contract on contract_review (contract_id, reviewed_at)`);
    await q.query(`
      create table review_check (
        id                     uuid primary key,
        tenant_id              text not null,
        review_id              uuid not null references contract_review(id),
        position               integer not null,
        item_id                uuid not null,
        check_name             text not null,
        outcome                text not null check (outcome in ('pass', 'warning', 'fail')),
        requirement            text not null,
        finding                text not null,
        customer_must_be_told  boolean not null,
        evidence               jsonb not null,
        unique (review_id, position)
      )`);

    await q.query(`
      create table customer_consent (
        id           uuid primary key,
        tenant_id    text not null,
        customer_id  uuid not null references customer(id),
        contract_id  uuid not null references contract(id),
        subject      text not null check (subject in ('subcontracting', 'deviation', 'adjustment', 'on-site-impact')),
        subject_id   uuid not null,
        decision     text not null check (decision in ('granted', 'refused')),
        form         text not null check (form in ('written', 'oral-recorded', 'electronic')),
        given_on     date not null,
        contact_id   uuid references customer_contact(id),
        reference    text,
        recorded_by  text not null,
        recorded_at  timestamptz not null
      )`);
    await q.query(`create index customer_consent_subject on customer_consent (subject, subject_id)`);
    await q.query(`
      create table subcontracting (
        id             uuid primary key,
        tenant_id      text not null,
        contract_id    uuid not null references contract(id),
        item_id        uuid not null,
        subcontractor  text not null,
        reason         text not null,
        status         text not null check (status in ('awaiting-consent', 'consented', 'refused', 'withdrawn')),
        consent_id     uuid references customer_consent(id),
        proposed_by    text not null,
        proposed_at    timestamptz not null
      )`);
    await q.query(`
      create unique index subcontracting_one_live_per_item on subcontracting (contract_id, item_id)
        where status in ('awaiting-consent', 'consented')`);
    await q.query(`
      create table deviation (
        id                uuid primary key,
        tenant_id         text not null,
        contract_id       uuid not null references contract(id),
        contract_version  integer not null,
        item_ids          uuid[] not null,
        requirement       text not null,
        deviation         text not null,
        status            text not null check (status in ('awaiting-consent', 'consented', 'refused')),
        consent_id        uuid references customer_consent(id),
        raised_by         text not null,
        raised_at         timestamptz not null,
        resolved_at       timestamptz
      )`);
    await q.query(`create index deviation_contract on deviation (contract_id)`);

    for (const table of [
      'customer', 'customer_contact', 'contract_number', 'contract', 'contract_version', 'contract_item',
      'contract_review', 'review_check', 'customer_consent', 'subcontracting', 'deviation',
    ]) {
      await enableTenantIsolation(q, table);
    }
    for (const table of ['contract_version', 'contract_item', 'contract_review', 'review_check', 'customer_consent']) {
      await q.query(`create trigger ${table}_immutable before update or delete on ${table} for each row execute function forbid_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'deviation', 'subcontracting', 'customer_consent', 'review_check', 'contract_review', 'contract_item', 'contract_version',
      'contract', 'contract_number', 'customer_contact', 'customer', 'tenant_directory',
    ]) {
      await q.query(`drop table ${table}`);
    }
    await q.query(`drop function forbid_change()`);
  }
}
