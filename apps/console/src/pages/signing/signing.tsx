import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { blobUrl, get, itemsOf, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../components/field';
import { JsonView } from '../../components/json-view';
import { Badge, Loading, ProblemAlert, QueryState } from '../../components/status';
import { AmendPanel } from './amend';
import { certificateChain, ChainCertificate, pendingReissue, ResultLine } from './amendments';
import { CertificateChain, statusTone as tone, useCertificateName } from './chain';

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
  blockingIssues?: unknown[];
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
  const queries = useQueryClient();
  const certificate = useQuery({ queryKey: ['certificate', id], queryFn: () => get<Certificate>(`/api/certificates/certificates/${id}`) });
  const history = useQuery({ queryKey: ['certificate-history', id], queryFn: () => get<unknown>(`/api/certificates/certificates/${id}/history`) });
  // R-6.4.4 the chain: amendments keep the item of their original, so its certificates hold them all.
  const itemId = certificate.data?.itemId;
  const related = useQuery({
    queryKey: ['certificates', 'item', itemId],
    queryFn: () => get<unknown>(`/api/certificates/certificates?itemId=${itemId}`).then(itemsOf<CertificateRow>),
    enabled: Boolean(itemId),
  });
  const name = useCertificateName();
  const [pin, setPin] = useState('');
  const sign = useMutation({
    mutationFn: () => post(`/api/certificates/certificates/${id}/sign`, { pin }),
    onSuccess: () => {
      setPin('');
      void queries.invalidateQueries({ predicate: (q) => ['certificate', 'certificate-history', 'certificates'].includes(String(q.queryKey[0])) });
    },
    onError: () => setPin(''),
  });
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
            <section className="card preview" aria-labelledby="preview-title">
              <h2 id="preview-title">{t('signing.preview')}</h2>
              {c.status === 'draft' && (c.blockingIssues?.length ?? 0) > 0 && (
                <div className="problem" data-testid="blocking-issues">
                  <strong>{t('signing.blockingIssues')}</strong>
                  <JsonView value={c.blockingIssues} />
                </div>
              )}
              <JsonView value={c.content} />
            </section>
          )}
          {c.status === 'issued' && related.data && <AmendPanel certificate={c} pending={pendingReissue(related.data, id)} />}
          {c.status === 'draft' && can('POST', `/api/certificates/certificates/${id}/sign`) && (
            <form className="card inline-form" onSubmit={(e) => { e.preventDefault(); sign.mutate(); }} aria-labelledby="sign-title">
              <h2 id="sign-title">{t('signing.sign')}</h2>
              <p className="muted">{t('signing.pinHint')}</p>
              <Field label={t('signing.pin')} type="password" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6,12}" value={pin} onChange={(e) => setPin(e.target.value)} required name="pin" />
              <button type="submit" disabled={sign.isPending}>{sign.isPending ? t('signing.signing') : t('signing.signNow')}</button>
            </form>
          )}
          <ProblemAlert error={sign.error} />
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('signing.history')}</h2>
            <QueryState query={history}>{(h) => <JsonView value={h} />}</QueryState>
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

/** The signed PDF as issued (kept for void ones too); its frame holds its place while loading, so nothing below jumps. */
function PdfPreview({ id, number }: { id: string; number: string | null }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<{ id: string; url: string } | null>(null);
  const [failure, setFailure] = useState<{ id: string; error: unknown } | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    blobUrl(`/api/certificates/certificates/${id}/documents/pdf`).then(
      (u) => {
        made = u;
        if (live) setDoc({ id, url: u });
        else URL.revokeObjectURL(u);
      },
      (error) => live && setFailure({ id, error }),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id]);
  const url = doc?.id === id ? doc.url : null;
  const error = failure?.id === id ? failure.error : null;
  return (
    <section className="card" aria-labelledby="pdf-title">
      <h2 id="pdf-title">{t('signing.pdf')}</h2>
      <ProblemAlert error={error} />
      {!error && (
        <>
          {url ? <p><a href={url} download={`${number ?? id}.pdf`}>{t('signing.download')}</a></p> : <Loading />}
          {url ? <iframe title={t('signing.pdf')} src={url} className="pdf" /> : <div className="pdf pdf-loading" />}
        </>
      )}
    </section>
  );
}
