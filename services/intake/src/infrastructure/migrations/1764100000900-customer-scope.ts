import { MigrationInterface, QueryRunner } from 'typeorm';

/** Set (per transaction) only for a caller with the customer role; empty or unset = staff, no narrowing. */
const customer = `nullif(current_setting('calchain.customer', true), '')`;
const unscoped = `${customer} is null`;
const ownContract = (table: string) => `exists (select 1 from contract c where c.id = ${table}.contract_id)`;
const ownWorkOrder = (table: string) => `exists (select 1 from work_order w where w.id = ${table}.work_order_id)`;

/**
 * Issue 9 capability 2 (R-4.1.1 tenancy, R-7.3.1 confidentiality): a customer sees only its own
 * orders, contracts and items. Enforced in the database, not only in controllers: a restrictive
 * policy on every table that belongs to one customer, on top of the tenant policy. Child tables
 * ask their parent, whose own policy then applies, so the rule is written once per customer key.
 */
const scoped: [table: string, own: string][] = [
  ['customer', `id::text = ${customer}`],
  ['customer_contact', `customer_id::text = ${customer}`],
  ['contract', `customer_id::text = ${customer}`],
  ['contract_version', ownContract('contract_version')],
  ['contract_item', `exists (select 1 from contract_version v where v.id = contract_item.contract_version_id)`],
  ['contract_review', ownContract('contract_review')],
  ['review_check', `exists (select 1 from contract_review r where r.id = review_check.review_id)`],
  ['customer_consent', `customer_id::text = ${customer}`],
  ['subcontracting', ownContract('subcontracting')],
  ['deviation', ownContract('deviation')],
  ['work_order', `customer_id = ${customer}`],
  ['work_order_item', ownWorkOrder('work_order_item')],
  ['item_status_history', `exists (select 1 from work_order_item i where i.id = item_status_history.work_order_item_id)`],
  ['time_limit_promise', ownContract('time_limit_promise')],
  ['item_intake', ownContract('item_intake')],
  ['item_return', ownContract('item_return')],
  ['adjustment', ownContract('adjustment')],
  ['state_change_notice', ownContract('state_change_notice')],
  ['on_site_job', ownContract('on_site_job')],
  ['on_site_job_log', `exists (select 1 from on_site_job j where j.id = on_site_job_log.job_id)`],
];

export class CustomerScope1764100000900 implements MigrationInterface {
  name = 'CustomerScope1764100000900';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, own] of scoped) {
      await q.query(`create policy ${table}_customer_scope on ${table} as restrictive using (${unscoped} or ${own})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of scoped) await q.query(`drop policy ${table}_customer_scope on ${table}`);
  }
}
