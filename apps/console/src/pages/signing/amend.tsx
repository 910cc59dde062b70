import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/status';
import { ChainCertificate, EDITABLE, invalidEdits, reissueResults, remarksOf, ResultEdits, ResultLine } from './amendments';
import { useCertificateName } from './chain';

interface Issued {
  id: string;
  number: string | null;
  content: { results?: Partial<ResultLine>[] };
}

function TextArea({ label, hint, ...area }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} aria-describedby={hint ? `${id}-hint` : undefined} {...area} />
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
    </div>
  );
}

/**
 * amending an issued certificate: a supplement when the original was correct but
 * incomplete (it stays valid), a replacement ("reissue") when it was wrong (it becomes void and is
 * recalled once the replacement is signed, and is kept). Each starts a draft that is previewed and
 * signed with the PIN like any certificate; the draft page opens when it is created.
 */
export function AmendPanel({ certificate, pending }: { certificate: Issued; pending: ChainCertificate | undefined }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const name = useCertificateName();
  const [open, setOpen] = useState<'supplement' | 'reissue' | null>(null);
  const mayAdd = can('POST', `/api/certificates/certificates/${certificate.id}/supplements`);
  const mayReissue = can('POST', `/api/certificates/certificates/${certificate.id}/reissue`);
  if (!mayAdd && !mayReissue) return null;
  return (
    <section className="card" aria-labelledby="amend-title">
      <h2 id="amend-title">{t('signing.amend')}</h2>
      <div className="actions">
        {mayAdd && (
          <button type="button" className={open === 'supplement' ? undefined : 'secondary'} aria-expanded={open === 'supplement'} onClick={() => setOpen(open === 'supplement' ? null : 'supplement')}>
            {t('signing.startSupplement')}
          </button>
        )}
        {mayReissue && !pending && (
          <button type="button" className={open === 'reissue' ? undefined : 'secondary'} aria-expanded={open === 'reissue'} onClick={() => setOpen(open === 'reissue' ? null : 'reissue')}>
            {t('signing.startReissue')}
          </button>
        )}
      </div>
      {pending && <p role="note">{t('signing.pendingReissue')} <Link to={`/signing/certificates/${pending.id}`}>{name(pending)}</Link></p>}
      {open === 'supplement' && <SupplementForm certificate={certificate} />}
      {open === 'reissue' && !pending && <ReissueForm certificate={certificate} />}
    </section>
  );
}

function useCreateDraft(path: string) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => post<{ id: string }>(path, body),
    onSuccess: (draft) => {
      void queries.invalidateQueries({ predicate: (q) => ['certificates', 'certificate', 'certificate-history'].includes(String(q.queryKey[0])) });
      navigate(`/signing/certificates/${draft.id}`);
    },
  });
}

function SupplementForm({ certificate }: { certificate: Issued }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [remarks, setRemarks] = useState('');
  const [correct, setCorrect] = useState(false);
  const create = useCreateDraft(`/api/certificates/certificates/${certificate.id}/supplements`);
  return (
    <form className="stack" aria-label={t('signing.supplementForm')} onSubmit={(e) => { e.preventDefault(); create.mutate({ reason: reason.trim(), originalWasCorrect: correct, remarks: remarksOf(remarks) }); }}>
      <p className="muted">{t('signing.supplementExplain', { number: certificate.number })}</p>
      <TextArea label={t('signing.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} name="reason" />
      <TextArea label={t('signing.supplementRemarks')} hint={t('signing.onePerLine')} value={remarks} onChange={(e) => setRemarks(e.target.value)} required name="remarks" />
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={correct} onChange={(e) => setCorrect(e.target.checked)} required name="originalWasCorrect" /> {t('signing.originalWasCorrect')}
        </label>
        <small className="muted">{t('signing.wrongNeedsReissue')}</small>
      </div>
      <div className="actions">
        <button type="submit" disabled={create.isPending || !correct || remarksOf(remarks).length === 0}>{create.isPending ? t('common.saving') : t('signing.createSupplement')}</button>
      </div>
      <ProblemAlert error={create.error} />
    </form>
  );
}

function ReissueForm({ certificate }: { certificate: Issued }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [remarks, setRemarks] = useState('');
  const [edits, setEdits] = useState<ResultEdits>({});
  const results = certificate.content.results ?? [];
  const create = useCreateDraft(`/api/certificates/certificates/${certificate.id}/reissue`);
  const invalid = invalidEdits(edits);
  const corrected = reissueResults(results, edits);
  const edit = (resultId: string, key: (typeof EDITABLE)[number], value: string) => setEdits((all) => ({ ...all, [resultId]: { ...all[resultId], [key]: value } }));
  const submit = () => {
    const lines = remarksOf(remarks);
    create.mutate({ reason: reason.trim(), ...(corrected ? { results: corrected } : {}), ...(lines.length ? { remarks: lines } : {}) });
  };
  const label = { measuredValue: t('signing.measuredValue'), error: t('signing.errorValue'), expandedUncertainty: t('signing.expandedU') } as const;
  return (
    <form className="stack" aria-label={t('signing.reissueForm')} onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <p className="muted">{t('signing.reissueExplain', { number: certificate.number })}</p>
      <TextArea label={t('signing.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} name="reason" />
      {results.length > 0 && (
        <fieldset>
          <legend>{t('signing.correctedResults')}</legend>
          <p className="muted small">{t('signing.resultsHint')}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">{t('field.point')}</th>{EDITABLE.map((k) => <th key={k} scope="col">{label[k]}</th>)}<th scope="col">{t('field.unit')}</th></tr>
              </thead>
              <tbody>
                {results.map((r, i) => {
                  const rid = r.resultId ?? String(i);
                  return (
                    <tr key={rid} data-result={rid}>
                      <th scope="row">{r.point}</th>
                      {EDITABLE.map((k) => (
                        <td key={k}>
                          <input
                            aria-label={`${label[k]} ${r.point ?? ''}`.trim()} name={`${rid}-${k}`} inputMode="decimal" size={10}
                            value={edits[rid]?.[k] ?? r[k] ?? ''} onChange={(e) => edit(rid, k, e.target.value)}
                            aria-invalid={invalid.includes(`${rid}.${k}`) || undefined}
                          />
                        </td>
                      ))}
                      <td>{r.unit}{r.uncertaintyUnit && r.uncertaintyUnit !== r.unit ? ` (U: ${r.uncertaintyUnit})` : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small" data-testid="results-changed">{corrected ? t('signing.resultsChanged') : t('signing.resultsUnchanged')}</p>
        </fieldset>
      )}
      <TextArea label={t('signing.reissueRemarks')} hint={t('signing.onePerLine')} value={remarks} onChange={(e) => setRemarks(e.target.value)} name="remarks" />
      {invalid.length > 0 && <p role="alert" className="field-error">{t('signing.invalidDecimal')}</p>}
      <div className="actions">
        <button type="submit" disabled={create.isPending || invalid.length > 0}>{create.isPending ? t('common.saving') : t('signing.createReissue')}</button>
      </div>
      <ProblemAlert error={create.error} />
    </form>
  );
}
