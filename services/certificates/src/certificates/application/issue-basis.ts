import { EntityManager } from 'typeorm';
import { CertificateContent } from '../domain/content';
import { issuedContent } from '../domain/issued-content';
import { issueBreaches, RuleBreach } from '../domain/rules';
import * as repo from '../infrastructure/certificate.repository';

/** A draft as it would be issued now. */
export interface IssueBasis {
  content: CertificateContent;
  /** Content rules that block issue (R-6.4.2.x); empty: the content may be signed. */
  breaches: RuleBreach[];
  /** The certificate a reissue replaces or a supplement adds to. */
  original?: repo.CertificateRow;
}

/**
 * Everything signing reads to derive a draft's issued content (agreed rule, printed names, the
 * amended original), shared by signing and the draft preview. `lock` locks a replaced original
 * for the signing transaction; the preview only reads.
 */
export async function loadIssueBasis(em: EntityManager, row: repo.CertificateRow, lock = false): Promise<IssueBasis> {
  const draft = { ...row.content, decisionRule: row.content.decisionRule ?? (await repo.agreedRule(em, row.item_id)) };
  const original = row.replaces ? await repo.findCertificate(em, row.replaces, lock) : row.supplement_to ? await repo.findCertificate(em, row.supplement_to) : undefined;
  const content = issuedContent(draft, {
    calibratorName: await repo.printedName(em, draft.persons.calibrator),
    checkerName: await repo.printedName(em, draft.persons.checker),
    replaces: row.replaces ? (original?.number ?? null) : null,
    supplementTo: row.supplement_to ? (original?.number ?? null) : null,
  });
  return { content, breaches: issueBreaches(draft), original };
}
