import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf } from '../../api/client';
import { useSession } from '../../auth/session';
import { daysUntil } from '../../components/clock';
import { QueryState } from '../../components/status';
import { dueState } from '../quality/equipment';
import { BarChart } from './charts';

interface Promise { itemId: string; promisedDate: string; completedOn: string | null; status?: string }
interface Equipment { status: string; dueDate?: string | null }
interface Complaint { status: string; dueAt?: string | null; breachedAt?: string | null }

/** Managers' view: turnaround against promises (R-6.2.6), overdue equipment (R-5.3.2), complaint clocks (R-8.3). */
export function Dashboard() {
  const { t } = useTranslation();
  const { can } = useSession();
  const promises = useQuery({ queryKey: ['promises'], queryFn: () => get<unknown>('/api/intake/time-limit-promises?pageSize=500').then(itemsOf<Promise>), enabled: can('GET', '/api/intake/time-limit-promises') });
  const equipment = useQuery({ queryKey: ['equipment-ledger'], queryFn: () => get<unknown>('/api/equipment/equipment?pageSize=200').then(itemsOf<Equipment>), enabled: can('GET', '/api/equipment/equipment') });
  const complaints = useQuery({ queryKey: ['complaints-dash'], queryFn: () => get<unknown>('/api/quality/complaints').then(itemsOf<Complaint>), enabled: can('GET', '/api/quality/complaints') });
  return (
    <div className="stack">
      <h1>{t('dashboard.title')}</h1>
      <div className="charts">
        <QueryState query={promises}>
          {(list) => {
            const done = list.filter((p) => p.completedOn);
            const late = done.filter((p) => (p.completedOn ?? '') > p.promisedDate).length;
            const open = list.filter((p) => !p.completedOn);
            const atRisk = open.filter((p) => daysUntil(p.promisedDate) <= 1 && daysUntil(p.promisedDate) >= 0).length;
            const breached = open.filter((p) => daysUntil(p.promisedDate) < 0).length;
            return <BarChart title={t('dashboard.turnaround')} bars={[
              { label: t('dashboard.onTime'), value: done.length - late, tone: 'ok' }, { label: t('dashboard.late'), value: late, tone: 'bad' },
              { label: t('dashboard.inTime'), value: open.length - atRisk - breached, tone: 'info' }, { label: t('dashboard.atRisk'), value: atRisk, tone: 'warn' }, { label: t('dashboard.breached'), value: breached, tone: 'bad' },
            ]} />;
          }}
        </QueryState>
        <QueryState query={equipment}>
          {(list) => <BarChart title={t('dashboard.equipment')} bars={[
            { label: t('dashboard.inDate'), value: list.filter((e) => dueState(e) === 'ok').length, tone: 'ok' },
            { label: t('dashboard.dueSoon'), value: list.filter((e) => dueState(e) === 'due').length, tone: 'warn' },
            { label: t('dashboard.overdue'), value: list.filter((e) => dueState(e) === 'overdue').length, tone: 'bad' },
          ]} />}
        </QueryState>
        <QueryState query={complaints}>
          {(list) => {
            const open = list.filter((c) => c.status !== 'closed');
            return <BarChart title={t('dashboard.complaints')} bars={[
              { label: t('dashboard.inTime'), value: open.filter((c) => !c.breachedAt && (!c.dueAt || daysUntil(c.dueAt) > 3)).length, tone: 'ok' },
              { label: t('dashboard.atRisk'), value: open.filter((c) => !c.breachedAt && c.dueAt && daysUntil(c.dueAt) <= 3 && daysUntil(c.dueAt) >= 0).length, tone: 'warn' },
              { label: t('dashboard.breached'), value: open.filter((c) => c.breachedAt || (c.dueAt && daysUntil(c.dueAt) < 0)).length, tone: 'bad' },
              { label: t('dashboard.closed'), value: list.length - open.length, tone: 'info' },
            ]} />;
          }}
        </QueryState>
      </div>
    </div>
  );
}
