import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * each contract item records whether the customer asked for a certificate or a test
 * report; certificates learns it from intake.contract.accepted. Existing items asked for certificates.
 */
export class RequestedReport1764100001000 implements MigrationInterface {
  name = 'RequestedReport1764100001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table contract_item add column report text not null default 'certificate' check (report in ('certificate', 'test-report'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table contract_item drop column report`);
  }
}
