import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf } from '../../api/client';
import { useSession } from '../../auth/session';
import { Clock } from '../../components/clock';
import { DataList, DataView } from '../../components/data-list';
import { Badge, QueryState } from '../../components/status';
import { today } from '../window/types';
import { Authorisation, authorisationMatrix, MatrixCell } from './authorisation-matrix';
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

const CELL_TONE: Record<MatrixCell['state'], 'ok' | 'warn' | 'info' | 'bad'> = { valid: 'ok', expiring: 'warn', 'not-yet': 'info', ended: 'bad' };

/**
 * Who is authorised for which item and role: a matrix, people down, item codes
 * across; roles ending within 60 days are amber with their clock, ended ones struck through.
 */
function Personnel() {
  const { t } = useTranslation();
  const { can } = useSession();
  const rows = useQuery({ queryKey: ['authorisations'], queryFn: () => get<unknown>('/api/quality/authorisations').then(itemsOf<Authorisation>) });
  // Names only for those who may read the personnel ledger; everyone else sees the person id.
  const persons = useQuery({
    queryKey: ['persons'],
    queryFn: () => get<unknown>('/api/quality/persons').then(itemsOf<{ id: string; fullName: string }>),
    enabled: can('GET', '/api/quality/persons'),
  });
  const nameOf = (id: string) => persons.data?.find((p) => p.id === id)?.fullName ?? id.slice(0, 8);
  return (
    <section aria-labelledby="authorisations-title">
      <h2 id="authorisations-title">{t('quality.personnel')}</h2>
      <QueryState query={rows} isEmpty={(r) => r.length === 0}>
        {(list) => {
          const m = authorisationMatrix(list, today());
          const people = [...m.people].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
          return (
            <div className="table-wrap">
              <table className="matrix" data-testid="authorisation-matrix">
                <thead>
                  <tr><th scope="col">{t('quality.person')}</th>{m.items.map((code) => <th key={code} scope="col">{code}</th>)}</tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p}>
                      <th scope="row" title={p}>{nameOf(p)}</th>
                      {m.items.map((code) => (
                        <td key={code}>
                          {m.cell(p, code).map((c) => (
                            <div key={c.role} data-state={c.state}>
                              <Badge tone={CELL_TONE[c.state]}>{c.state === 'ended' ? <del>{t(`role.${c.role}`, { defaultValue: c.role })}</del> : t(`role.${c.role}`, { defaultValue: c.role })}</Badge>
                              {c.state === 'expiring' && <> <Clock due={c.validUntil} warnDays={60} /></>}
                              {c.state !== 'valid' && c.state !== 'expiring' && <span className="muted small"> {t(`quality.authorisationState.${c.state}`)}</span>}
                            </div>
                          ))}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr><th scope="row">{t('quality.heldBy')}</th>{m.items.map((code) => <td key={code}>{m.heldBy(code)}</td>)}</tr>
                </tfoot>
              </table>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
