import { Inject, Injectable } from '@nestjs/common';
import { Caller, ProblemException, TenantTransactions } from '@calchain/platform';
import { CERTIFICATE_SETTINGS, CertificateSettings } from '../../shared/settings';
import { customerScope, visibleTo } from '../domain/audience';
import { DraftFacts, renderPdf } from '../domain/pdf';
import * as repo from '../infrastructure/certificate.repository';
import { loadIssueBasis } from './issue-basis';

/**
 * The draft PDF preview (issue 12 "certificate preview and sign"): a draft rendered with the
 * content signing would give it (`loadIssueBasis`) and the same template, but unnumbered,
 * unsigned and marked not valid on every page. It is a read: no number is taken (numbers stay
 * gap-free, R-6.4.5, R-5.1.3), and nothing is stored, logged or published.
 */
@Injectable()
export class DraftPreviewService {
  constructor(
    private readonly tx: TenantTransactions,
    @Inject(CERTIFICATE_SETTINGS) private readonly settings: CertificateSettings,
  ) {}

  async pdf(caller: Caller, id: string): Promise<Buffer> {
    const { content, facts } = await this.tx.read(caller.tenant, async (em) => {
      // What the preview reads it never writes: the database refuses any write in this transaction.
      await em.query('set transaction read only');
      const row = await repo.findCertificate(em, id);
      // a customer never sees a draft; like every certificate it may not see, it does not exist.
      if (!row || !visibleTo(customerScope(caller), row)) throw ProblemException.notFound('Certificate', id);
      if (row.status !== 'draft') throw notADraft(row);
      const basis = await loadIssueBasis(em, row);
      const number = basis.original?.number ?? null;
      const facts: DraftFacts = {
        draft: true, renderedAt: new Date().toISOString(), blockingIssues: basis.breaches,
        replaces: row.replaces && number ? { number } : null, supplementTo: row.supplement_to && number ? { number } : null,
      };
      return { content: basis.content, facts };
    });
    return renderPdf(content, facts, { fontPath: this.settings.fontPath, fontFace: this.settings.fontFace });
  }
}

/** an issued (or void) certificate is final; its PDF is the stored, signed document. */
function notADraft(row: repo.CertificateRow): ProblemException {
  const message = `certificate ${row.number ?? row.id} is ${row.status}; only drafts are previewed, its signed PDF is GET /certificates/${row.id}/documents/pdf`;
  const problem = ProblemException.conflict(message);
  problem.problem.requirement = 'R-6.4.4';
  problem.problem.errors = [{ field: 'status', rule: 'preview-drafts-only', message, requirement: 'R-6.4.4' }];
  return problem;
}
