import { ReactNode, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { blobUrl, get, itemsOf } from '../../api/client';
import { useSession } from '../../auth/session';
import { JsonView } from '../../components/json-view';
import { Badge, Loading, ProblemAlert, QueryState } from '../../components/status';
import { AmendPanel } from './amend';
import { certificateChain, ChainCertificate, pendingReissue, ResultLine } from './amendments';
import { CertificateChain, statusTone as tone, useCertificateName } from './chain';
import { SignForm } from './sign-form';

interface CertificateRow extends ChainCertificate {
  kind: string;
  itemId: string;
  item?: { description: string; serialNumber: string | null };
  orderNumber?: string;
  recordId?: string;
  createdAt?: string;
}

interface Certificate extends CertificateRow {
  content: {
    item?: { description?: string; serialNumber?: string | null };
    results?: Partial<ResultLine>[];
    [key: string]: unknown;
  };
  blockingIssues?: BlockingIssue[];
  verifyUrl?: string;
}

/** The signatory's queue: drafts waiting for a signature, and what was issued lately. */
export function SigningQueue() {
  const { t } = useTranslation();
  const drafts = useQuery({ queryKey: ['certificates', 'draft'], queryFn: () => get<unknown>('/api/certificates/certificates?status=draft').then(itemsOf<CertificateRow>), refetchInterval: 15_000 });
  const issued = useQuery({ queryKey: ['certificates', 'issued'], queryFn: () => get<unknown>('/api/certificates/certificates?status=issued').then(itemsOf<CertificateRow>) });
  const table = (list: CertificateRow[]) => (
    <table>
      <thead><tr><th scope="col">{t('field.number')}</th><th scope="col">{t('field.item')}</th><th scope="col">{t('field.kind')}</th><th scope="col">{t('field.status')}</th><th scope="col">{t('field.date')}</th></tr></thead>
      <tbody>
        {list.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/signing/certificates/${c.id}`}>{c.number ?? t('signing.draftNo', { id: c.id.slice(0, 8) })}</Link>
              {c.supplementTo && <> <Badge tone="info">{t('signing.kindSupplement')}</Badge></>}
              {c.replaces && <> <Badge tone="warn">{t('signing.kindReplacement')}</Badge></>}
            </td>
            <td>{c.item ? `${c.item.description}${c.item.serialNumber ? ` · ${c.item.serialNumber}` : ''}` : '—'}{c.orderNumber && <span className="muted small"> ({c.orderNumber})</span>}</td>
            <td>{t(`certificateKind.${c.kind}`, { defaultValue: c.kind })}</td>
            <td><Badge tone={tone(c.status)}>{t(`certificateStatus.${c.status}`, { defaultValue: c.status })}</Badge></td>
            <td>{(c.issuedAt ?? c.createdAt ?? '').slice(0, 10)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="stack">
      <section aria-labelledby="drafts-title">
        <h1 id="drafts-title">{t('signing.queue')}</h1>
        <QueryState query={drafts} isEmpty={(l) => l.length === 0} empty={t('signing.noDrafts')}>{table}</QueryState>
      </section>
      <section aria-labelledby="issued-title">
        <h2 id="issued-title">{t('signing.issued')}</h2>
        <QueryState query={issued} isEmpty={(l) => l.length === 0}>{table}</QueryState>
      </section>
    </div>
  );
}

/**
 * A certificate: its content as it will be printed (preview), the signed PDF once issued, and
 * signing, which asks for the signatory's PIN again every time (R-6.4.5 re-authentication).
 */
export function CertificatePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const certificate = useQuery({ queryKey: ['certificate', id], queryFn: () => get<Certificate>(`/api/certificates/certificates/${id}`) });
  const history = useQuery({ queryKey: ['certificate-history', id], queryFn: () => get<IssueLogEntry[]>(`/api/certificates/certificates/${id}/history`) });
  // R-6.4.4 the chain: amendments keep the item of their original, so its certificates hold them all.
  const itemId = certificate.data?.itemId;
  const related = useQuery({
    queryKey: ['certificates', 'item', itemId],
    queryFn: () => get<unknown>(`/api/certificates/certificates?itemId=${itemId}`).then(itemsOf<CertificateRow>),
    enabled: Boolean(itemId),
  });
  const name = useCertificateName();
  return (
    <QueryState query={certificate}>
      {(c) => (
        <div className="stack">
          <h1>
            {t('signing.certificate')} <span data-testid="certificate-number">{c.number ?? t('signing.draftNo', { id: c.id.slice(0, 8) })}</span>{' '}
            <Badge tone={tone(c.status)}><span data-testid="certificate-status">{t(`certificateStatus.${c.status}`, { defaultValue: c.status })}</span></Badge>
          </h1>
          <AmendmentNotice certificate={c} name={(linked) => name(related.data?.find((r) => r.id === linked))} />
          <CertificateChain chain={certificateChain(related.data ?? [], id)} current={id} />
          {c.status !== 'draft' ? <PdfPreview id={id} number={c.number} /> : (
            <>
              {/* Issue 12: the draft exactly as it will be printed, unnumbered and unsigned; nothing is stored. */}
              {can('GET', `/api/certificates/certificates/${id}/preview`) && <DraftPdfPreview id={id} revision={c.content} />}
              <section className="card preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{t('signing.preview')}</h2>
                {c.status === 'draft' && (c.blockingIssues?.length ?? 0) > 0 && (
                  <div className="problem" data-testid="blocking-issues">
                    <strong>{t('signing.blockingIssues')}</strong>
                    <ul>
                      {(c.blockingIssues ?? []).map((b) => (
                        <li key={`${b.field}-${b.rule}`}>{b.message} <span className="muted small">({b.field} · {b.requirement})</span></li>
                      ))}
                    </ul>
                  </div>
                )}
                <details>
                  <summary>{t('signing.contentData')}</summary>
                  <JsonView value={c.content} />
                </details>
              </section>
            </>
          )}
          {c.status === 'issued' && related.data && <AmendPanel certificate={c} pending={pendingReissue(related.data, id)} />}
          {/* R-5.1.3, R-6.4.5: the PIN form, told beforehand whether signing would be refused. */}
          {c.status === 'draft' && can('POST', `/api/certificates/certificates/${id}/sign`) && <SignForm id={id} />}
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('signing.history')}</h2>
            <QueryState query={history}>{(h) => <IssueLog entries={h} />}</QueryState>
          </section>
        </div>
      )}
    </QueryState>
  );
}

/** What an amendment draft or a void certificate is, in words, above everything else. */
function AmendmentNotice({ certificate: c, name }: { certificate: Certificate; name: (id: string) => string }) {
  const { t } = useTranslation();
  const lines: string[] = [];
  if (c.supplementTo) lines.push(t(c.status === 'draft' ? 'signing.supplementDraftOf' : 'signing.supplementOf', { number: name(c.supplementTo) }));
  if (c.replaces) lines.push(t(c.status === 'draft' ? 'signing.reissueDraftOf' : 'signing.reissueOf', { number: name(c.replaces) }));
  if (c.status === 'void') lines.push(t('signing.voidNotice', { date: (c.voidedAt ?? '').slice(0, 10), number: c.replacedBy ? name(c.replacedBy) : '—' }));
  if (lines.length === 0) return null;
  return (
    <div className={`notice ${c.status === 'void' ? 'notice-bad' : 'notice-info'}`} data-testid="amendment-notice">
      {lines.map((l) => <p key={l}>{l}</p>)}
      {c.amendmentReason && <p><strong>{t('signing.amendmentReason')}:</strong> {c.amendmentReason}</p>}
    </div>
  );
}

/** The signed PDF as issued (kept for void ones too). */
function PdfPreview({ id, number }: { id: string; number: string | null }) {
  const { t } = useTranslation();
  return <PdfFrame name="pdf" path={`/api/certificates/certificates/${id}/documents/pdf`} title={t('signing.pdf')} download={t('signing.download')} fileName={`${number ?? id}.pdf`} />;
}

/**
 * The draft rendered as signing will render it, but without number, signature and QR code and
 * marked "草稿 — 无效 DRAFT — NOT VALID" on every page; drawn again when the draft's content changes.
 */
function DraftPdfPreview({ id, revision }: { id: string; revision: unknown }) {
  const { t } = useTranslation();
  return (
    <PdfFrame name="draft-pdf" path={`/api/certificates/certificates/${id}/preview`} revision={revision} title={t('signing.draftPdf')} download={t('signing.downloadDraft')} fileName={`draft-${id.slice(0, 8)}.pdf`}>
      <p className="muted">{t('signing.draftPdfHint')}</p>
    </PdfFrame>
  );
}

/** A PDF from the API in a frame with a download link; the frame holds its place while loading, so nothing below jumps. */
function PdfFrame({ name, path, revision, title, download, fileName, children }: {
  name: string; path: string; revision?: unknown; title: string; download: string; fileName: string; children?: ReactNode;
}) {
  const [doc, setDoc] = useState<{ path: string; url: string } | null>(null);
  const [failure, setFailure] = useState<{ path: string; error: unknown } | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    blobUrl(path).then(
      (u) => {
        made = u;
        if (live) setDoc({ path, url: u });
        else URL.revokeObjectURL(u);
      },
      (error) => live && setFailure({ path, error }),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path, revision]);
  const url = doc?.path === path ? doc.url : null;
  const error = failure?.path === path ? failure.error : null;
  return (
    <section className="card" aria-labelledby={`${name}-title`} data-testid={name}>
      <h2 id={`${name}-title`}>{title}</h2>
      {children}
      <ProblemAlert error={error} />
      {!error && (
        <>
          {url ? <p><a href={url} download={fileName}>{download}</a></p> : <Loading />}
          {url ? <iframe title={title} src={url} className="pdf" /> : <div className="pdf pdf-loading" />}
        </>
      )}
    </section>
  );
}

/** A rule the draft still breaks (R-6.4.2): signing is refused until it is mended. */
interface BlockingIssue {
  requirement: string;
  field: string;
  rule: string;
  message: string;
}

interface IssueLogEntry {
  action: string;
  actor: string;
  at: string;
  detail: Record<string, unknown> | null;
}

/** The certificate's issue log (R-6.4.5: who signed what and when), oldest first. */
function IssueLog({ entries }: { entries: IssueLogEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <p className="empty">{t('signing.noHistory')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="issue-log">
        <thead>
          <tr><th>{t('signing.logAt')}</th><th>{t('signing.logAction')}</th><th>{t('signing.logActor')}</th><th>{t('signing.logDetail')}</th></tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.at}-${i}`}>
              <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
              <td>{t(`issueAction.${e.action}`, { defaultValue: e.action })}</td>
              <td>{e.actor}</td>
              <td className="small">{Object.entries(e.detail ?? {}).map(([k, v]) => <div key={k}>{k}: {typeof v === 'object' ? JSON.stringify(v) : String(v)}</div>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
