import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf } from '../../api/client';
import { useSession } from '../../auth/session';
import { Badge, QueryState } from '../../components/status';
import { RawRecord } from './types';

/** My work queue: what waits for the calibrator (dispatched, open, returned) or for the checker (submitted). */
export function BenchQueue() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const statuses = [
    ...(hasRole('calibrator', 'technical-manager') ? ['dispatched', 'open', 'returned'] : []),
    ...(hasRole('checker', 'technical-manager') ? ['submitted'] : []),
    'suspicious',
  ];
  const queue = useQuery({
    queryKey: ['queue', statuses.join()],
    queryFn: async () => (await Promise.all(statuses.map((s) => get<unknown>(`/api/records/raw-records?status=${s}&limit=100`).then(itemsOf<RawRecord>)))).flat(),
    refetchInterval: 15_000,
  });
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('bench.queue')}</h1>
      <QueryState query={queue} isEmpty={(q) => q.length === 0} empty={t('bench.queueEmpty')}>
        {(list) => (
          <table>
            <thead>
              <tr><th scope="col">{t('field.recordNumber')}</th><th scope="col">{t('field.orderNumber')}</th><th scope="col">{t('field.item')}</th><th scope="col">{t('field.method')}</th><th scope="col">{t('field.status')}</th></tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} data-status={r.status}>
                  <td><Link to={`/bench/records/${r.id}`}>{r.recordNumber ?? r.id.slice(0, 8)}</Link></td>
                  <td>{r.orderNumber ?? '—'}</td>
                  <td>{r.description} {r.serialNumber}</td>
                  <td>{r.methodCode ?? r.dispatch?.methodCode ?? '—'}</td>
                  <td><Badge tone={r.status === 'suspicious' ? 'bad' : r.status === 'returned' ? 'warn' : 'info'}>{t(`recordStatus.${r.status}`, { defaultValue: r.status })}</Badge></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
