import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, ProblemException, TenantTransactions } from '@calchain/platform';
import { ResultLine } from '../domain/content';
import * as repo from '../infrastructure/certificate.repository';

/**
 * Amendments: a supplement adds to an original that was right but incomplete and stays
 * valid; a reissue is a complete new certificate whose issue voids the wrong original. Both start
 * as drafts and are signed like any certificate.
 */
@Injectable()
export class AmendmentsService {
  constructor(private readonly tx: TenantTransactions) {}

  async supplement(caller: Caller, originalId: string, body: { reason: string; originalWasCorrect: boolean; remarks: string[] }) {
    if (!body.originalWasCorrect) {
      throw ProblemException.ruleViolation('R-6.4.4.2', 'a supplement is only for an original that was correct but incomplete; wrong content needs a reissue', 'originalWasCorrect', 'supplement-only-if-correct');
    }
    return this.tx.run(caller.tenant, async (em) => {
      const original = await this.issued(em, originalId);
      const id = randomUUID();
      const content = { ...original.content, remarks: body.remarks, omittedFromStatement: original.content.omittedFromStatement };
      await repo.insertDraft(em, { id, tenant: caller.tenant, content, supplementTo: original.id, reason: body.reason });
      await this.copyStandards(em, caller.tenant, original.id, id);
      await repo.log(em, caller.tenant, id, 'supplement-drafted', caller.subject, { supplementTo: original.number, reason: body.reason });
      return { id, status: 'draft', supplementTo: { certificateId: original.id, number: original.number } };
    });
  }

  async reissue(caller: Caller, originalId: string, body: { reason: string; results?: ResultLine[]; remarks?: string[] }) {
    return this.tx.run(caller.tenant, async (em) => {
      const original = await this.issued(em, originalId);
      const [pending] = await em.query(`select id from certificate where replaces = $1 and status = 'draft'`, [original.id]);
      if (pending) throw ProblemException.conflict(`a reissue of ${original.number} is already drafted (${pending.id})`);
      const id = randomUUID();
      const content = { ...original.content, results: body.results ?? original.content.results, remarks: body.remarks ?? [], statements: [] };
      await repo.insertDraft(em, { id, tenant: caller.tenant, content, replaces: original.id, reason: body.reason });
      await this.copyStandards(em, caller.tenant, original.id, id);
      await repo.log(em, caller.tenant, id, 'reissue-drafted', caller.subject, { replaces: original.number, reason: body.reason });
      return { id, status: 'draft', replaces: { certificateId: original.id, number: original.number } };
    });
  }

  private async issued(em: Parameters<Parameters<TenantTransactions['run']>[1]>[0], id: string): Promise<repo.CertificateRow> {
    const row = await repo.findCertificate(em, id);
    if (!row) throw ProblemException.notFound('Certificate', id);
    if (row.status !== 'issued') throw ProblemException.ruleViolation('R-6.4.4', `certificate ${row.number ?? id} is ${row.status}; only an issued certificate can be amended`, 'status', 'amend-issued-only');
    return row;
  }

  private async copyStandards(em: Parameters<Parameters<TenantTransactions['run']>[1]>[0], tenant: string, from: string, to: string) {
    await em.query(`insert into certificate_standard (tenant_id, certificate_id, standard_id, equipment_id) select $1, $3, standard_id, equipment_id from certificate_standard where certificate_id = $2`, [tenant, from, to]);
  }
}
