import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf } from '../../api/client';
import { Clock, daysUntil } from '../../components/clock';
import { DataList } from '../../components/data-list';
import { JsonView } from '../../components/json-view';
import { Badge, QueryState } from '../../components/status';

interface Equipment { id: string; assetNumber: string; name: string; kind: string; status: string; usable?: boolean; dueDate?: string | null; location?: string | null }

export const dueState = (e: Pick<Equipment, 'status' | 'dueDate'>) =>
  e.status === 'overdue' || (e.dueDate && daysUntil(e.dueDate) < 0) ? 'overdue' : e.dueDate && daysUntil(e.dueDate) <= 30 ? 'due' : 'ok';

/** The equipment ledger with due/overdue status and each item's traceability chain. */
export function EquipmentLedger() {
  const { t } = useTranslation();
  const ledger = useQuery({ queryKey: ['equipment-ledger'], queryFn: () => get<unknown>('/api/equipment/equipment?pageSize=200').then(itemsOf<Equipment>) });
  const [chain, setChain] = useState<string | null>(null);
  return (
    <div className="stack">
      <h1>{t('equipment.title')}</h1>
      <QueryState query={ledger} isEmpty={(l) => l.length === 0}>
        {(list) => {
          const overdue = list.filter((e) => dueState(e) === 'overdue').length;
          const due = list.filter((e) => dueState(e) === 'due').length;
          return (
            <>
              <p>
                <Badge tone={overdue ? 'bad' : 'ok'}>{t('equipment.overdueCount', { count: overdue })}</Badge>{' '}
                <Badge tone={due ? 'warn' : 'ok'}>{t('equipment.dueCount', { count: due })}</Badge>
              </p>
              <div className="table-wrap">
                <table data-testid="equipment-ledger">
                  <thead>
                    <tr><th scope="col">{t('field.assetNumber')}</th><th scope="col">{t('field.name')}</th><th scope="col">{t('field.status')}</th><th scope="col">{t('field.dueDate')}</th><th /></tr>
                  </thead>
                  <tbody>
                    {list.map((e) => (
                      <tr key={e.id} data-due={dueState(e)}>
                        <td>{e.assetNumber}</td>
                        <td>{e.name}</td>
                        <td><Badge tone={e.usable === false ? 'bad' : 'ok'}>{t(`equipmentStatus.${e.status}`, { defaultValue: e.status })}</Badge></td>
                        <td>{e.dueDate ?? '—'} <Clock due={e.dueDate} warnDays={30} /></td>
                        <td><button type="button" className="link" onClick={() => setChain(chain === e.id ? null : e.id)} aria-expanded={chain === e.id}>{t('equipment.traceability')}</button></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
      {chain && <Traceability id={chain} />}
      <DataList id="standards" title={t('equipment.standards')} path="/api/equipment/measurement-standards"
        columns={[{ key: 'code' }, { key: 'name' }, { key: 'category' }, { key: 'valid', render: (s: { valid?: boolean }) => <Badge tone={s.valid === false ? 'bad' : 'ok'}>{s.valid === false ? t('common.invalid') : t('common.valid')}</Badge> }, { key: 'validUntil' }]} />
    </div>
  );
}

function Traceability({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['traceability', id], queryFn: () => get<unknown>(`/api/equipment/equipment/${id}/traceability`) });
  return (
    <section className="card" aria-labelledby="trace-title">
      <h2 id="trace-title">{t('equipment.traceabilityChain')}</h2>
      <QueryState query={query}>{(data) => <JsonView value={data} />}</QueryState>
    </section>
  );
}
