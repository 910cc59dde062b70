import { ReactNode, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf } from '../../api/client';
import { Clock, daysUntil } from '../../components/clock';
import { DataList } from '../../components/data-list';
import { Badge, QueryState } from '../../components/status';
import { FactList, isObj } from '../public/fact-list';

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
        columns={[{ key: 'code' }, { key: 'name' }, { key: 'category', render: (s: { category?: string; valid?: boolean }) => (s.category ? t(`standardCategory.${s.category}`, { defaultValue: s.category }) : '—') }, { key: 'valid', render: (s: { category?: string; valid?: boolean }) => <Badge tone={s.valid === false ? 'bad' : 'ok'}>{s.valid === false ? t('common.invalid') : t('common.valid')}</Badge> }, { key: 'validUntil' }]} />
    </div>
  );
}

/** GET /api/equipment/equipment/:id/traceability (services/equipment/src/ledger/domain/traceability.ts). */
export interface ChainCalibration { calibrationId: string; certificateNumber: string; issuer: string; calibratedOn: string; validUntil: string | null }
export interface ChainLink { equipmentId: string; assetNumber: string; name: string; requiredOn: string; calibration: ChainCalibration | null; broken: string | null }
export interface ChainEnd {
  kind: 'national-primary-standard' | 'alternative-reference' | string;
  reference: string | null;
  calibratingStandard: string | null;
  certificateNumber: string | null;
  comparisonEvidence: string | null;
  broken: string | null;
}
export interface TraceabilityChain { equipmentId: string; intact: boolean; links: ChainLink[]; end: ChainEnd | null; breaks: { equipmentId: string | null; reason: string }[] }

const isChain = (v: unknown): v is TraceabilityChain =>
  isObj(v) && Array.isArray(v.links) && v.links.every(isObj) && Array.isArray(v.breaks) && typeof v.intact === 'boolean' && (v.end === null || v.end === undefined || isObj(v.end));

function Row({ label, children }: { label: string; children: ReactNode }) {
  return <div className="dl-row"><dt>{label}</dt><dd>{children}</dd></div>;
}

/** A link's state in words (a badge with text, never colour alone) and the service's reason when broken. */
function LinkState({ broken }: { broken: string | null }) {
  const { t } = useTranslation();
  return broken
    ? <Badge tone="bad">{t('traceability.linkBroken', { reason: t(`breakReason.${broken}`, { defaultValue: broken }) })}</Badge>
    : <Badge tone="ok">{t('traceability.linkOk')}</Badge>;
}

/**
 * the traceability chain as the equipment service derives it: the equipment,
 * the lab's own standards that calibrated it (each valid on the day it was used), and where the
 * chain leaves the lab — a national primary standard, or an alternative reference backed by
 * comparison evidence. Every broken or expired link is flagged with the service's reason.
 */
export function TraceabilityChainView({ chain }: { chain: TraceabilityChain }) {
  const { t } = useTranslation();
  const where = (equipmentId: string | null) =>
    equipmentId === null ? t('traceability.endOf') : (chain.links.find((l) => l.equipmentId === equipmentId)?.assetNumber ?? equipmentId);
  const reason = (r: string) => t(`breakReason.${r}`, { defaultValue: r });
  // Breaks no link carries itself (a circular reference, equipment missing from the ledger): shown where the chain stops.
  const unattached = chain.breaks.filter((b) => b.equipmentId !== null && !chain.links.some((l) => l.equipmentId === b.equipmentId && l.broken === b.reason));
  const end = chain.end ?? null;
  const endKind = end
    ? end.broken === 'not-traced-to-national-standard' ? t('traceability.unstatedEnd')
      : t(`traceability.endKind.${end.kind}`, { defaultValue: end.kind })
    : null;
  return (
    <div data-testid="traceability-chain" data-intact={chain.intact}>
      <p>
        {chain.intact
          ? <Badge tone="ok">{t('traceability.intact')}</Badge>
          : <Badge tone="bad">{t('traceability.broken', { count: chain.breaks.length })}</Badge>}
      </p>
      {!chain.intact && chain.breaks.length > 0 ? (
        <ul className="trace-breaks" aria-label={t('traceability.breaks')} data-testid="traceability-breaks">
          {chain.breaks.map((b, i) => <li key={i}><strong>{where(b.equipmentId)}</strong>: {reason(b.reason)}</li>)}
        </ul>
      ) : null}
      <ol className="trace-chain">
        {chain.links.map((link, i) => (
          <li key={`${link.equipmentId}-${i}`} className="trace-link" data-broken={link.broken !== null} data-testid="trace-link">
            {i > 0 ? <p className="trace-arrow">↓ {t('traceability.calibratedAgainst')}</p> : null}
            <div className="trace-box">
              <p className="trace-head">
                <span className="muted small">{i === 0 ? t('traceability.thisEquipment') : t('traceability.standard')}</span>{' '}
                <strong>{link.assetNumber}</strong> {link.name} <LinkState broken={link.broken} />
              </p>
              {link.calibration ? (
                <dl className="nested">
                  <Row label={t('traceability.certificateNumber')}>{link.calibration.certificateNumber}</Row>
                  <Row label={t('traceability.issuer')}>{link.calibration.issuer}</Row>
                  <Row label={t('traceability.calibratedOn')}>{link.calibration.calibratedOn}</Row>
                  <Row label={t('traceability.validUntil')}>{link.calibration.validUntil ?? t('traceability.noExpiry')}</Row>
                  <Row label={t('traceability.requiredOn')}>{link.requiredOn}</Row>
                </dl>
              ) : (
                <p className="empty">{t('traceability.noCalibration')}</p>
              )}
            </div>
          </li>
        ))}
        {end ? (
          <li className="trace-link trace-end" data-broken={end.broken !== null} data-testid="trace-end">
            <p className="trace-arrow">↓ {t('traceability.calibratedAgainst')}</p>
            <div className="trace-box">
              <p className="trace-head">
                <span className="muted small">{t('traceability.end')}</span> <strong>{endKind}</strong> <LinkState broken={end.broken} />
              </p>
              <dl className="nested">
                <Row label={t('traceability.reference')}>{end.reference ?? '—'}</Row>
                <Row label={t('traceability.externalStandard')}>{end.calibratingStandard ?? '—'}</Row>
                <Row label={t('traceability.referenceCertificate')}>{end.certificateNumber ?? '—'}</Row>
                {end.kind === 'alternative-reference' || end.comparisonEvidence ? <Row label={t('traceability.comparisonEvidence')}>{end.comparisonEvidence ?? '—'}</Row> : null}
              </dl>
            </div>
          </li>
        ) : (
          <li className="trace-link trace-end" data-broken="true" data-testid="trace-end">
            <div className="trace-box">
              <p className="trace-head">
                <Badge tone="bad">{t('traceability.stops')}</Badge>
              </p>
              {unattached.length > 0 ? (
                <ul>{unattached.map((b, i) => <li key={i}><strong>{where(b.equipmentId)}</strong>: {reason(b.reason)}</li>)}</ul>
              ) : null}
            </div>
          </li>
        )}
      </ol>
    </div>
  );
}

function Traceability({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['traceability', id], queryFn: () => get<unknown>(`/api/equipment/equipment/${id}/traceability`) });
  return (
    <section className="card" aria-labelledby="trace-title" data-testid="traceability">
      <h2 id="trace-title">{t('equipment.traceabilityChain')}</h2>
      <QueryState query={query}>{(data) => (isChain(data) ? <TraceabilityChainView chain={data} /> : <FactList value={data} />)}</QueryState>
    </section>
  );
}
