import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../components/field';
import { Badge, ProblemAlert, QueryState } from '../../components/status';
import { CalculationPanel } from './calculation';
import { ConditionsPanel, ReadingsPanel } from './observations';
import { OpenForm } from './open-form';
import { BudgetTables } from './budget';
import { RawRecord } from './types';

/**
 * One raw record at the bench: open it with in-date standards, take readings and conditions as
 * they happen, calculate and see the budget, submit; the checker reviews budget and findings
 * and approves or returns it.
 */
export function RecordPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const queries = useQueryClient();
  const record = useQuery({ queryKey: ['record', id], queryFn: () => get<RawRecord>(`/api/records/raw-records/${id}`) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['record', id] });
  const submit = useMutation({ mutationFn: () => post(`/api/records/raw-records/${id}/submit`), onSuccess: refresh });
  return (
    <QueryState query={record}>
      {(r) => {
        const capture = can('POST', `/api/records/raw-records/${id}/readings`) && ['open', 'returned'].includes(r.status);
        return (
          <div className="stack">
            <h1>
              {t('bench.record')} {r.recordNumber ?? r.id.slice(0, 8)}{' '}
              <Badge tone={r.status === 'approved' ? 'ok' : r.status === 'suspicious' ? 'bad' : 'info'}><span data-testid="record-status">{t(`recordStatus.${r.status}`, { defaultValue: r.status })}</span></Badge>
            </h1>
            <p>{r.orderNumber} · {r.description} {r.serialNumber} · {r.method ? `${r.method.code} (${r.method.version}) ${r.method.title}` : r.dispatch?.methodCode}</p>
            {r.binding && (
              <p className="muted">
                {t('bench.standards')}: {r.binding.standards.map((s) => s.code).join(', ')} · {t('bench.equipment')}: {r.binding.equipment.map((e) => e.assetNumber).join(', ') || '—'} · {t('bench.room')}: {r.binding.room?.roomCode ?? '—'}
              </p>
            )}
            {r.returns.length > 0 && (
              <div className="problem" role="note"><strong>{t('bench.returnedWith')}</strong><ul>{r.returns.map((x, i) => <li key={i}>{x.comments}</li>)}</ul></div>
            )}
            {r.status === 'dispatched' && can('POST', `/api/records/raw-records/${id}/open`) && <OpenForm recordId={id} onDone={refresh} />}
            {r.status === 'pending' && <p className="empty">{t('bench.pending')}</p>}
            {r.method && r.status !== 'dispatched' && r.status !== 'pending' && (
              <>
                <ReadingsPanel record={r} editable={capture} onChange={refresh} />
                <ConditionsPanel record={r} editable={capture} onChange={refresh} />
                {r.status === 'submitted' || r.status === 'approved' ? (
                  <section className="card" aria-labelledby="budget-title">
                    <h2 id="budget-title">{t('bench.calculation')}</h2>
                    {r.calculation && <BudgetTables budgets={r.calculation.budgets} results={r.calculation.results} />}
                  </section>
                ) : (
                  <CalculationPanel record={r} editable={capture} onChange={refresh} />
                )}
              </>
            )}
            {capture && r.calculation?.current && can('POST', `/api/records/raw-records/${id}/submit`) && (
              <div className="actions">
                <button type="button" onClick={() => submit.mutate()} disabled={submit.isPending}>{t('bench.submit')}</button>
              </div>
            )}
            <ProblemAlert error={submit.error} />
            {r.status === 'submitted' && can('POST', `/api/records/raw-records/${id}/approve`) && <CheckerReview record={r} onDone={refresh} />}
            {r.submission?.findings && r.submission.findings.length > 0 && <Findings findings={r.submission.findings} />}
          </div>
        );
      }}
    </QueryState>
  );
}

function Findings({ findings }: { findings: { check: string; message?: string; detail?: string }[] }) {
  const { t } = useTranslation();
  return (
    <section className="problem" aria-labelledby="findings-title">
      <h2 id="findings-title">{t('bench.findings')}</h2>
      <ul>{findings.map((f, i) => <li key={i}><strong>{t(`finding.${f.check}`, { defaultValue: f.check })}</strong> {f.message ?? f.detail}</li>)}</ul>
    </section>
  );
}

/** The checker: approve, or return with comments (never someone who measured, R-5.1.4). */
function CheckerReview({ record, onDone }: { record: RawRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const [comments, setComments] = useState('');
  const approve = useMutation({ mutationFn: () => post(`/api/records/raw-records/${record.id}/approve`), onSuccess: onDone });
  const giveBack = useMutation({ mutationFn: () => post(`/api/records/raw-records/${record.id}/return`, { comments }), onSuccess: onDone });
  return (
    <section className="card stack" aria-labelledby="check-title">
      <h2 id="check-title">{t('bench.checkerReview')}</h2>
      <div className="actions">
        <button type="button" onClick={() => approve.mutate()} disabled={approve.isPending}>{t('bench.approve')}</button>
      </div>
      <ProblemAlert error={approve.error} />
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); giveBack.mutate(); }}>
        <Field label={t('bench.returnComments')} value={comments} onChange={(e) => setComments(e.target.value)} required minLength={5} />
        <button type="submit" className="secondary" disabled={giveBack.isPending}>{t('bench.return')}</button>
      </form>
      <ProblemAlert error={giveBack.error} />
    </section>
  );
}
