import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-8.3.1 "publish the complaint channels and the handling flow": the policy holds the number and
 * addresses a complainant uses, the office hours, and the institution's own flow. All nullable: a
 * channel without its number or address is not published, and a null flow serves the default one
 * (complaints/domain/complaint-policy.ts). Institution data, not personal data: stored in plain.
 */
export class ComplaintPolicyContacts1764300001000 implements MigrationInterface {
  name = 'ComplaintPolicyContacts1764300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table complaint_policy
        add column phone          text,
        add column email          text,
        add column postal_address text,
        add column office_hours   text,
        -- the handling steps in order; null = the default flow
        add column flow           text[] check (flow is null or cardinality(flow) between 2 and 12)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table complaint_policy
        drop column if exists phone, drop column if exists email, drop column if exists postal_address,
        drop column if exists office_hours, drop column if exists flow`);
  }
}
