import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field, Select } from '../../components/field';
import { JsonView } from '../../components/json-view';
import { Badge, ProblemAlert, QueryState } from '../../components/status';
import { Contract, ContractItem, Deviation, Review, today, WorkOrder } from './types';
import { IntakeForm } from './intake-form';

const tone = (outcome: string) => (outcome === 'pass' || outcome === 'passed' ? 'ok' : outcome === 'fail' || outcome === 'failed' ? 'bad' : 'warn');

/**
 * One contract at the window: its items, the automatic review check by check with the evidence
 * deviations and the customer's consent, acceptance into work orders
 * and dispatch, and the intake of each item with its checklist and label, and its return against that checklist.
 */
export function ContractDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const queries = useQueryClient();
  const contract = useQuery({ queryKey: ['contract', id], queryFn: () => get<Contract>(`/api/intake/contracts/${id}`) });
  const review = useQuery({
    queryKey: ['review', contract.data?.latestReview?.id],
    queryFn: () => get<Review>(`/api/intake/contract-reviews/${contract.data?.latestReview?.id}`),
    enabled: Boolean(contract.data?.latestReview?.id),
  });
  const workOrders = useQuery({
    queryKey: ['work-orders', id],
    queryFn: () => get<unknown>(`/api/intake/work-orders?contractId=${id}&pageSize=50`).then(itemsOf<WorkOrder>),
    enabled: contract.data?.status === 'accepted',
  });
  const refresh = () => queries.invalidateQueries({ predicate: (q) => ['contract', 'review', 'work-orders', 'handling'].includes(String(q.queryKey[0])) });
  const accept = useMutation({ mutationFn: () => post(`/api/intake/contracts/${id}/accept`), onSuccess: refresh });
  const rereview = useMutation({ mutationFn: () => post(`/api/intake/contracts/${id}/reviews`), onSuccess: refresh });

  return (
    <QueryState query={contract}>
      {(c) => (
        <div className="stack">
          <h1>
            {t('window.contract')} <span data-testid="contract-number">{c.number}</span>{' '}
            <Badge tone={c.status === 'accepted' ? 'ok' : 'info'}><span data-testid="contract-status">{t(`contractStatus.${c.status}`, { defaultValue: c.status })}</span></Badge>
          </h1>
          <p>{c.customerName} · {t('window.version', { v: c.currentVersion })}{c.version.total ? ` · ${t('window.total')} ¥${c.version.total}` : ''}</p>
          <ItemsTable items={c.version.items} blocked={c.blockedItemIds} />

          <section aria-labelledby="review-title" className="card">
            <h2 id="review-title">{t('window.review')}</h2>
            {c.latestReview ? (
              <>
                <p>
                  <Badge tone={tone(c.latestReview.outcome)}><span data-testid="review-outcome">{t(`reviewOutcome.${c.latestReview.outcome}`, { defaultValue: c.latestReview.outcome })}</span></Badge>{' '}
                  <span className="muted">{t('window.reviewedAt', { at: new Date(c.latestReview.reviewedAt).toLocaleString(), v: c.latestReview.contractVersion })}</span>
                  {!c.latestReview.current && <Badge tone="warn">{t('window.reviewOutdated')}</Badge>}
                  {c.latestReview.customerMustBeTold && <Badge tone="warn">{t('window.customerMustBeTold')}</Badge>}
                </p>
                <QueryState query={review}>{(r) => <ReviewChecks checks={r.checks ?? []} items={c.version.items} />}</QueryState>
              </>
            ) : (
              <p className="empty">{t('window.noReview')}</p>
            )}
            {can('POST', `/api/intake/contracts/${id}/reviews`) && c.status !== 'accepted' && (
              <button type="button" className="secondary" onClick={() => rereview.mutate()} disabled={rereview.isPending}>{t('window.reReview')}</button>
            )}
            <ProblemAlert error={rereview.error} />
          </section>

          {c.deviations.length > 0 && <Deviations contractId={id} deviations={c.deviations} onChange={refresh} />}

          {c.status !== 'accepted' && can('POST', `/api/intake/contracts/${id}/accept`) && (
            <div className="actions">
              <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>{t('window.accept')}</button>
            </div>
          )}
          <ProblemAlert error={accept.error} />

          {c.status === 'accepted' && (
            <section aria-labelledby="wo-title">
              <h2 id="wo-title">{t('window.workOrders')}</h2>
              <QueryState query={workOrders} isEmpty={(w) => w.length === 0}>
                {(list) => <>{list.map((w) => <WorkOrderCard key={w.id} workOrder={w} items={c.version.items} customerId={c.customerId} contractNumber={c.number} onChange={refresh} />)}</>}
              </QueryState>
            </section>
          )}
        </div>
      )}
    </QueryState>
  );
}

function ItemsTable({ items, blocked }: { items: ContractItem[]; blocked: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{t('window.items')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">{t('field.instrumentType')}</th><th scope="col">{t('field.serialNumber')}</th><th scope="col">{t('field.range')}</th>
            <th scope="col">{t('field.method')}</th><th scope="col">{t('field.serviceKind')}</th><th scope="col">{t('field.place')}</th><th scope="col">{t('field.quantity')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i, n) => (
            <tr key={i.itemId}>
              <td>{n + 1}{blocked.includes(i.itemId) && <> <Badge tone="warn">{t('window.blocked')}</Badge></>}</td>
              <td>{i.instrumentType}</td>
              <td>{i.serialNumber ?? '—'}</td>
              <td>{i.range.lower}–{i.range.upper} {i.range.unit}</td>
              <td>{i.methodCode} ({i.methodVersion})</td>
              <td>{t(`serviceKind.${i.serviceKind}`)}</td>
              <td>{t(`place.${i.place}`)}</td>
              <td>{i.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every check of every item with its requirement, finding and the evidence it rests on. */
export function ReviewChecks({ checks, items }: { checks: { itemId: string; check: string; outcome: string; requirement: string; finding: string; evidence: Record<string, unknown>; customerMustBeTold?: boolean }[]; items: ContractItem[] }) {
  const { t } = useTranslation();
  if (checks.length === 0) return <p className="empty">{t('window.noChecks')}</p>;
  const itemNo = (itemId: string) => items.findIndex((i) => i.itemId === itemId) + 1 || '—';
  return (
    <div className="table-wrap">
      <table className="checks">
        <thead>
          <tr><th scope="col">{t('window.itemNo')}</th><th scope="col">{t('window.check')}</th><th scope="col">{t('window.outcome')}</th><th scope="col">{t('window.finding')}</th><th scope="col">{t('window.evidence')}</th></tr>
        </thead>
        <tbody>
          {checks.map((c, i) => (
            <tr key={i} data-check={c.check} data-outcome={c.outcome}>
              <td>{itemNo(c.itemId)}</td>
              <td>{t(`reviewCheck.${c.check}`, { defaultValue: c.check })} <small className="muted">{c.requirement}</small></td>
              <td><Badge tone={tone(c.outcome)}>{t(`reviewOutcome.${c.outcome}`, { defaultValue: c.outcome })}</Badge></td>
              <td>{c.finding}{c.customerMustBeTold && <> <Badge tone="warn">{t('window.customerMustBeTold')}</Badge></>}</td>
              <td><details><summary>{t('window.showEvidence')}</summary><JsonView value={c.evidence} /></details></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** a deviation waits for the customer's recorded consent. */
function Deviations({ contractId, deviations, onChange }: { contractId: string; deviations: Deviation[]; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <section aria-labelledby="dev-title" className="card">
      <h2 id="dev-title">{t('window.deviations')}</h2>
      {deviations.map((d) => (
        <div key={d.id} className="deviation">
          <p><strong>{t('window.customerAsked')}:</strong> {d.requirement}</p>
          <p><strong>{t('window.weWillDo')}:</strong> {d.deviation}</p>
          <Badge tone={d.status === 'awaiting-consent' ? 'warn' : 'ok'}>{t(`deviationStatus.${d.status}`, { defaultValue: d.status })}</Badge>
          {d.status === 'awaiting-consent' && can('POST', `/api/intake/contracts/${contractId}/deviations/${d.id}/consent`) && (
            <ConsentForm path={`/api/intake/contracts/${contractId}/deviations/${d.id}/consent`} onDone={onChange} />
          )}
        </div>
      ))}
    </section>
  );
}

/** The customer's decision, how it was given and when (consent capture). */
export function ConsentForm({ path, onDone }: { path: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState('granted');
  const [form, setForm] = useState('written');
  const [givenOn, setGivenOn] = useState(today());
  const [reference, setReference] = useState('');
  const save = useMutation({ mutationFn: () => post(path, { decision, form, givenOn, reference: reference || null }), onSuccess: onDone });
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-label={t('window.consent')}>
      <Select label={t('window.decision')} value={decision} onChange={(e) => setDecision(e.target.value)} options={['granted', 'refused'].map((v) => ({ value: v, label: t(`consent.${v}`) }))} />
      <Select label={t('window.consentForm')} value={form} onChange={(e) => setForm(e.target.value)} options={['written', 'oral-recorded', 'electronic'].map((v) => ({ value: v, label: t(`consentForm.${v}`) }))} />
      <Field label={t('window.givenOn')} type="date" value={givenOn} onChange={(e) => setGivenOn(e.target.value)} required />
      <Field label={t('window.reference')} value={reference} onChange={(e) => setReference(e.target.value)} />
      <button type="submit" disabled={save.isPending}>{t('window.recordConsent')}</button>
      <ProblemAlert error={save.error} />
    </form>
  );
}

function WorkOrderCard({ workOrder, items, customerId, contractNumber, onChange }: { workOrder: WorkOrder; items: ContractItem[]; customerId: string; contractNumber: string; onChange: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const dispatch = useMutation({ mutationFn: () => post(`/api/intake/work-orders/${workOrder.id}/dispatch`), onSuccess: onChange });
  // The list gives the order; its items (and their status) come with the order itself.
  const detail = useQuery({ queryKey: ['work-orders', 'detail', workOrder.id], queryFn: () => get<WorkOrder>(`/api/intake/work-orders/${workOrder.id}`) });
  const ids = detail.data?.items?.map((i) => i.id) ?? workOrder.itemIds ?? [];
  return (
    <article className="card" aria-label={workOrder.orderNumber}>
      <h3>
        {workOrder.orderNumber} <Badge tone={workOrder.status === 'dispatched' ? 'ok' : 'info'}><span data-testid="work-order-status">{t(`workOrderStatus.${workOrder.status}`, { defaultValue: workOrder.status })}</span></Badge>
      </h3>
      <p className="muted">{t('field.section')}: {workOrder.section ?? '—'} · {t('field.dueDate')}: {workOrder.dueDate ?? '—'}</p>
      {workOrder.status === 'accepted' && can('POST', `/api/intake/work-orders/${workOrder.id}/dispatch`) && (
        <button type="button" onClick={() => dispatch.mutate()} disabled={dispatch.isPending}>{t('window.dispatch')}</button>
      )}
      <ProblemAlert error={dispatch.error ?? detail.error} />
      {items.filter((i) => ids.includes(i.itemId)).map((i) => <IntakeForm key={i.itemId} item={i} customerId={customerId} contractNumber={contractNumber} />)}
    </article>
  );
}
