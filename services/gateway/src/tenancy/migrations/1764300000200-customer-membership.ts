import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9 capability 2: a customer user sees only its own orders and certificates. The registry
 * links such a membership to the intake customer id it acts for; the gateway forwards that id
 * (claim `customerId`) and the services filter on it. Only customer memberships carry one.
 */
export class CustomerMembership1764300000200 implements MigrationInterface {
  name = 'CustomerMembership1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table membership add column customer_id text`);
    await q.query(`alter table membership add constraint membership_customer_only check (customer_id is null or ('customer' = any(roles) and institution_id is not null))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table membership drop constraint membership_customer_only`);
    await q.query(`alter table membership drop column customer_id`);
  }
}
