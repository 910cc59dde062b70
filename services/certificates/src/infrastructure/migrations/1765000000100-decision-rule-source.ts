import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantIsolation } from '@calchain/platform';

/**
 * The agreed decision rule arrives with `intake.contract.accepted` (R-6.1.2, R-6.4.2.3): each rule
 * row says where it came from (the contract review, or a technical manager's manual override) and
 * which contract version agreed it; every change of the read model is recorded, append-only, in
 * `decision_rule_log`.
 */
export class DecisionRuleSource1765000000100 implements MigrationInterface {
  name = 'DecisionRuleSource1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table agreed_decision_rule
        add column source           text not null default 'manual-override' check (source in ('contract-review', 'manual-override')),
        add column contract_id      uuid,
        add column contract_version int,
        add column guard_band_unit  text,
        add column set_by           text,
        add column reason           text`);
    await q.query(`
      create table decision_rule_log (
        id               bigserial primary key,
        tenant_id        text not null,
        item_id          uuid not null,
        action           text not null check (action in ('agreed', 'withdrawn', 'overridden', 'kept-override')),
        source           text not null check (source in ('contract-review', 'manual-override')),
        rule             text check (rule in ('simple', 'guarded', 'non-binary')),
        guard_band       numeric,
        guard_band_unit  text,
        contract_id      uuid,
        contract_number  text,
        contract_version int,
        actor            text not null,
        reason           text,
        event_id         uuid,
        recorded_at      timestamptz not null default now()
      )`);
    await q.query(`create index decision_rule_log_item on decision_rule_log (tenant_id, item_id, id)`);
    await enableTenantIsolation(q, 'decision_rule_log');
    await q.query(`
      create function decision_rule_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'decision_rule_log is append-only (R-6.4.2.3)';
      end $$`);
    await q.query(`create trigger decision_rule_log_append_only before update or delete on decision_rule_log for each row execute function decision_rule_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists decision_rule_log`);
    await q.query(`drop function if exists decision_rule_log_append_only()`);
    await q.query(`
      alter table agreed_decision_rule
        drop column if exists source, drop column if exists contract_id, drop column if exists contract_version,
        drop column if exists guard_band_unit, drop column if exists set_by, drop column if exists reason`);
  }
}
