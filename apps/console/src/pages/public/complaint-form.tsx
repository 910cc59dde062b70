import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WebFormCategories } from '@calchain/contracts';
import { call } from '../../api/client';
import { ApiError, fieldErrors } from '../../api/problem';
import { Field } from '../../components/field';
import { LanguageSwitch } from '../../components/language-switch';
import { ProblemAlert } from '../../components/status';
import { useDisclosure } from './disclosure';
import { ComplaintFlow } from './disclosure-sections';
import { isObj, list, Obj } from './fact-list';

/** What quality's web-form intake answers (services/quality/src/complaints/application/web-form-intake.ts). */
export interface ComplaintReceipt {
  reference: string;
  receivedAt: string;
  handlingDays: number;
  respondBy: string;
}

const SUBJECT_MAX = 200;
const DESCRIPTION_MAX = 8000;
const TEXT_MAX = 200;
const blank = { category: '', subject: '', description: '', name: '', contact: '', organisation: '', confidential: false };
type Draft = typeof blank;

/** crypto.randomUUID needs a secure context; a page served over plain http still gets a random key. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The body of the gateway's POST /public/institutions/:institution/complaints (strict: only these fields). */
const bodyOf = (d: Draft) => ({
  category: d.category, subject: d.subject.trim(), description: d.description.trim(), confidential: d.confidential,
  complainant: { name: d.name.trim(), contact: d.contact.trim(), organisation: d.organisation.trim() || null },
});

/**
 * A definite refusal (400, 404, 422 …): the gateway remembers it under the key and nothing was
 * filed, so the corrected form is a new request with a new key. After a network error, a 5xx, a
 * 409 (first attempt still running) or a 429 (refused before the key was looked at) the outcome is
 * open, and the same key goes again: a retry can never file a second complaint.
 */
const refusedForGood = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500 && ![408, 409, 429].includes(error.status);

function retrySeconds(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  return error.problem.retryAfterSeconds ?? (Number(error.problem.detail?.match(/(\d+)\s*s\b/)?.[1]) || null);
}

/**
 * the public complaint form: no login, phone first (one column, nothing wider than the
 * screen), every field labelled. The time limit and the handling flow come from the complaint
 * policy the institution publishes in its disclosure. What the complainant types stays in
 * this page's memory only: never logged, never put into browser storage.
 */
export function ComplaintFormPage() {
  const { t } = useTranslation();
  const { institution = '' } = useParams();
  const disclosure = useDisclosure(institution);
  const [receipt, setReceipt] = useState<ComplaintReceipt | null>(null);
  const section = disclosure.data?.sections?.complaintPolicy;
  const policy = section?.available && isObj(section.content) ? section.content : null;
  const unknownInstitution = disclosure.error instanceof ApiError && disclosure.error.status === 404;
  return (
    <div className="public-page complaint-page">
      <header className="public-header">
        <strong>{disclosure.data?.name ?? t('complaintForm.title')}</strong>
        <LanguageSwitch />
      </header>
      {unknownInstitution ? (
        <ProblemAlert error={disclosure.error} />
      ) : receipt ? (
        <Receipt receipt={receipt} policy={policy} institution={institution} />
      ) : (
        <ComplaintForm institution={institution} handlingDays={typeof policy?.handlingDays === 'number' ? policy.handlingDays : null} onFiled={setReceipt} />
      )}
    </div>
  );
}

function ComplaintForm({ institution, handlingDays, onFiled }: { institution: string; handlingDays: number | null; onFiled: (r: ComplaintReceipt) => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [draft, setDraft] = useState(blank);
  // one Idempotency-Key per form fill: a double click or a retry after a lost answer files one complaint.
  const [firstKey] = useState(newIdempotencyKey);
  const key = useRef(firstKey);
  const sending = useRef(false);
  const file = useMutation({
    mutationFn: (body: ReturnType<typeof bodyOf>) =>
      call<ComplaintReceipt>('POST', `/public/institutions/${encodeURIComponent(institution)}/complaints`, { body, anonymous: true, headers: { 'idempotency-key': key.current } }),
    onSuccess: onFiled,
    onError: (error) => {
      if (refusedForGood(error)) key.current = newIdempotencyKey();
    },
    onSettled: () => {
      sending.current = false;
    },
  });
  const errors = fieldErrors(file.error);
  const set = <K extends keyof Draft>(name: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return; // a second press before the button is disabled
    sending.current = true;
    file.mutate(bodyOf(draft));
  };
  const retry = retrySeconds(file.error);
  return (
    // autoComplete off: a complaint may be filed on a shared phone or kiosk.
    <form className="complaint-form" onSubmit={submit} autoComplete="off" aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>{t('complaintForm.title')}</h1>
      <p>{t('complaintForm.intro')}</p>
      {handlingDays !== null ? (
        <p className="notice notice-info" data-testid="complaint-time-limit">
          <strong>{t('disclosure.complaintLimit', { count: handlingDays })}</strong>{' '}
          <Link to={`/disclosure/${encodeURIComponent(institution)}`}>{t('complaintForm.policy')}</Link>
        </p>
      ) : null}
      <fieldset>
        <legend>{t('complaintForm.aboutComplaint')}</legend>
        <div className="field">
          <label htmlFor={`${ids}-category`}>{t('complaintForm.category')}</label>
          <select id={`${ids}-category`} required value={draft.category} onChange={(e) => set('category')(e.target.value)} aria-invalid={errors.category ? true : undefined}>
            <option value="">{t('common.choose')}</option>
            {WebFormCategories.map((c) => <option key={c} value={c}>{t(`complaintCategory.${c}`)}</option>)}
          </select>
          {errors.category ? <small role="alert" className="field-error">{errors.category}</small> : null}
        </div>
        <Field label={t('complaintForm.subject')} required maxLength={SUBJECT_MAX} value={draft.subject} onChange={(e) => set('subject')(e.target.value)} error={errors.subject} />
        <div className="field">
          <label htmlFor={`${ids}-description`}>{t('complaintForm.description')}</label>
          <textarea
            id={`${ids}-description`} required rows={6} maxLength={DESCRIPTION_MAX} value={draft.description} onChange={(e) => set('description')(e.target.value)}
            aria-describedby={`${ids}-description-hint ${ids}-description-count`} aria-invalid={errors.description ? true : undefined}
          />
          <small id={`${ids}-description-hint`} className="muted">{t('complaintForm.descriptionHint')}</small>
          <small id={`${ids}-description-count`} className="muted counter" data-testid="description-counter">{t('complaintForm.counter', { count: draft.description.length, max: DESCRIPTION_MAX })}</small>
          {errors.description ? <small role="alert" className="field-error">{errors.description}</small> : null}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('complaintForm.aboutYou')}</legend>
        <Field label={t('complaintForm.name')} required maxLength={TEXT_MAX} value={draft.name} onChange={(e) => set('name')(e.target.value)} error={errors['complainant.name']} />
        <Field
          label={t('complaintForm.contact')} hint={t('complaintForm.contactHint')} required minLength={3} maxLength={TEXT_MAX}
          value={draft.contact} onChange={(e) => set('contact')(e.target.value)} error={errors['complainant.contact']}
        />
        <Field label={t('complaintForm.organisation')} maxLength={TEXT_MAX} value={draft.organisation} onChange={(e) => set('organisation')(e.target.value)} error={errors['complainant.organisation']} />
        <div className="confidential">
          <input id={`${ids}-confidential`} type="checkbox" checked={draft.confidential} onChange={(e) => set('confidential')(e.target.checked)} aria-describedby={`${ids}-confidential-hint`} />
          <label htmlFor={`${ids}-confidential`}>{t('complaintForm.confidential')}</label>
          <small id={`${ids}-confidential-hint`} className="muted">{t('complaintForm.confidentialHint')}</small>
        </div>
      </fieldset>
      {retry !== null ? <p role="alert" className="notice notice-bad" data-testid="retry-in">{t('complaintForm.retryIn', { seconds: retry })}</p> : null}
      <ProblemAlert error={file.error} />
      <button type="submit" disabled={file.isPending}>{file.isPending ? t('complaintForm.submitting') : t('complaintForm.submit')}</button>
    </form>
  );
}

/** The receipt: number, time limit and what happens next; printable (the print styles hide the buttons). */
function Receipt({ receipt, policy, institution }: { receipt: ComplaintReceipt; policy: Obj | null; institution: string }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []); // keyboard and screen-reader users land on the outcome
  const when = (iso: string, withTime: boolean) => (withTime ? new Date(iso).toLocaleString(i18n.language) : new Date(iso).toLocaleDateString(i18n.language));
  return (
    <section className="card complaint-receipt" aria-labelledby="receipt-title" data-testid="complaint-receipt">
      <h1 id="receipt-title" tabIndex={-1} ref={heading}>{t('complaintForm.receivedTitle')}</h1>
      <dl>
        <div className="dl-row"><dt>{t('complaintForm.number')}</dt><dd className="receipt-number" data-testid="complaint-number">{receipt.reference}</dd></div>
        <div className="dl-row"><dt>{t('complaintForm.receivedAt')}</dt><dd>{when(receipt.receivedAt, true)}</dd></div>
        <div className="dl-row">
          <dt>{t('complaintForm.respondBy')}</dt>
          <dd data-testid="complaint-respond-by">{when(receipt.respondBy, false)} ({t('complaintForm.within', { count: receipt.handlingDays })})</dd>
        </div>
      </dl>
      <p>{t('complaintForm.keepNumber')}</p>
      <h2>{t('complaintForm.next')}</h2>
      {policy && list(policy.flow).length > 0 ? <ComplaintFlow policy={policy} /> : <p>{t('complaintForm.nextDefault')}</p>}
      <p className="actions">
        <button type="button" onClick={() => window.print()}>{t('complaintForm.print')}</button>
        <Link to={`/disclosure/${encodeURIComponent(institution)}`}>{t('complaintForm.back')}</Link>
      </p>
    </section>
  );
}
