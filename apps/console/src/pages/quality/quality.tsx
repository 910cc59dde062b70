import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { Clock } from '../../components/clock';
import { DataList, DataView } from '../../components/data-list';
import { Badge } from '../../components/status';

interface Authorisation { personId: string; itemCode: string; role: string; validFrom?: string; validUntil?: string }
interface Complaint { id: string; number?: string; status: string; receivedAt?: string; dueAt?: string | null; breachedAt?: string | null; category?: string; subject?: string }

/** Quality: complaints with their time-limit clocks, CAPA, PT, personnel authorisations. */
export function QualityPages() {
  const { t } = useTranslation();
  const { can } = useSession();
  const tabs = [
    { to: 'complaints', label: t('quality.complaints'), show: can('GET', '/api/quality/complaints') },
    { to: 'capa', label: t('quality.capa'), show: can('GET', '/api/quality/corrective-actions') },
    { to: 'pt', label: t('quality.pt'), show: can('GET', '/api/quality/proficiency-rounds') },
    { to: 'personnel', label: t('quality.personnel'), show: can('GET', '/api/quality/authorisations') },
  ].filter((x) => x.show);
  return (
    <div className="stack">
      <h1>{t('quality.title')}</h1>
      <nav className="tabs" aria-label={t('quality.title')}>
        {tabs.map((x) => <NavLink key={x.to} to={x.to}>{x.label}</NavLink>)}
      </nav>
      <Routes>
        <Route index element={tabs[0] ? <Navigate to={tabs[0].to} replace /> : null} />
        <Route path="complaints" element={<Complaints />} />
        <Route path="capa" element={<DataList id="capa" title={t('quality.capa')} path="/api/quality/corrective-actions" columns={[{ key: 'number' }, { key: 'status' }, { key: 'dueOn', render: (c: { dueOn?: string; dueDate?: string; status?: string }) => <Clock due={c.dueOn ?? c.dueDate} done={c.status === 'closed'} /> }, { key: 'description' }]} />} />
        <Route path="pt" element={<DataList id="pt" title={t('quality.pt')} path="/api/quality/proficiency-rounds" columns={[{ key: 'scheme' }, { key: 'itemCode' }, { key: 'status' }, { key: 'result' }, { key: 'score' }]} />} />
        <Route path="personnel" element={<Personnel />} />
      </Routes>
    </div>
  );
}

function Complaints() {
  const { t } = useTranslation();
  return (
    <>
      <DataList<Complaint> id="complaints" title={t('quality.complaints')} path="/api/quality/complaints"
        columns={[
          { key: 'number', render: (c) => c.number ?? c.id.slice(0, 8) },
          { key: 'status', render: (c) => <Badge tone={c.breachedAt ? 'bad' : c.status === 'closed' ? 'ok' : 'info'}>{t(`complaintStatus.${c.status}`, { defaultValue: c.status })}</Badge> },
          { key: 'receivedAt', render: (c) => (c.receivedAt ?? '').slice(0, 10) },
          { key: 'dueAt', label: t('quality.clock'), render: (c) => <Clock due={c.dueAt} warnDays={3} done={c.status === 'closed'} /> },
        ]} />
      <DataView id="complaint-stats" title={t('quality.statistics')} path="/api/quality/complaints/statistics" />
    </>
  );
}

/** Who is authorised for which item and role: a matrix, people down, item codes across. */
function Personnel() {
  const { t } = useTranslation();
  return (
    <DataList<Authorisation> id="authorisations" title={t('quality.personnel')} path="/api/quality/authorisations"
      columns={[{ key: 'personId' }, { key: 'itemCode' }, { key: 'role', render: (a) => t(`role.${a.role}`, { defaultValue: a.role }) }, { key: 'validFrom' }, { key: 'validUntil', render: (a) => <>{a.validUntil} <Clock due={a.validUntil} warnDays={60} /></> }]} />
  );
}
