import { CertificateContent } from './content';
import { TEST_REPORT_DCC_NOTE } from './dcc-xml';
import { conformityStatements, finalKind } from './rules';

/** What issue adds to a draft's content besides number and signature. */
export interface IssueContext {
  /** Printed names the calibrator and checker registered (null: none, the id is printed). */
  calibratorName: string | null;
  checkerName: string | null;
  /** Number of the certificate a reissue replaces (R-6.4.4.3) or a supplement adds to (R-6.4.4.1). */
  replaces: string | null;
  supplementTo: string | null;
}

/**
 * The content a draft is issued with: the one derivation signing and the draft preview share, so
 * the preview shows what will be signed. Conformity statements under the agreed rule (R-6.4.2.3),
 * the final kind (R-6.4.1: a failing verification becomes a result notice), the printed names,
 * the test report's note on its DCC twin and the amendment remarks.
 */
export function issuedContent(draft: CertificateContent, ctx: IssueContext): CertificateContent {
  const statements = conformityStatements(draft).statements;
  const kind = finalKind(draft, statements);
  const persons = { ...draft.persons, calibratorName: ctx.calibratorName, checkerName: ctx.checkerName };
  const remarks = [...draft.remarks];
  if (kind === 'test-report') remarks.push(TEST_REPORT_DCC_NOTE);
  if (ctx.replaces) remarks.push(`本证书代替证书 No. ${ctx.replaces}；证书 No. ${ctx.replaces} 作废 (R-6.4.4.3)`);
  if (ctx.supplementTo) remarks.push(`证书 No. ${ctx.supplementTo} 的补充 (R-6.4.4.1)`);
  return { ...draft, kind, statements, persons, remarks };
}
