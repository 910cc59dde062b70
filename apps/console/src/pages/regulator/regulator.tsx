import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf } from '../../api/client';
import { useSession } from '../../auth/session';
import { DataList, DataView } from '../../components/data-list';
import { Badge, QueryState } from '../../components/status';

interface Registered { id: string; number: string | null; kind: string; status: string; issuedAt: string | null; voidedAt?: string | null; replacedBy?: string | null; replaces?: string | null; supplementTo?: string | null }

/** The certificate register: every issued certificate and every void one with what replaced it; never drafts. */
function CertificateRegister() {
  const { t } = useTranslation();
  const register = useQuery({
    queryKey: ['certificates', 'register'],
    queryFn: async () => {
      const [issued, voided] = await Promise.all(['issued', 'void'].map((s) => get<unknown>(`/api/certificates/certificates?status=${s}`).then(itemsOf<Registered>)));
      return [...issued, ...voided].sort((a, b) => (a.number ?? '').localeCompare(b.number ?? ''));
    },
  });
  return (
    <section aria-labelledby="reg-certificates-title">
      <h2 id="reg-certificates-title">{t('regulator.certificates')}</h2>
      <QueryState query={register} isEmpty={(l) => l.length === 0}>
        {(list) => {
          const numberOf = (id: string | null | undefined) => list.find((c) => c.id === id)?.number ?? '—';
          return (
            <div className="table-wrap">
              <table data-testid="reg-certificates">
                <thead>
                  <tr><th scope="col">{t('field.number')}</th><th scope="col">{t('field.kind')}</th><th scope="col">{t('field.status')}</th><th scope="col">{t('field.issuedAt')}</th><th scope="col">{t('signing.relation')}</th></tr>
                </thead>
                <tbody>
                  {list.map((c) => (
                    <tr key={c.id} data-status={c.status}>
                      <td>{c.number}</td>
                      <td>{t(`certificateKind.${c.kind}`, { defaultValue: c.kind })}</td>
                      <td><Badge tone={c.status === 'void' ? 'bad' : 'ok'}>{t(`certificateStatus.${c.status}`, { defaultValue: c.status })}</Badge></td>
                      <td>{(c.issuedAt ?? '').slice(0, 10)}</td>
                      <td>
                        {c.replacedBy && t('signing.replacedByNumber', { number: numberOf(c.replacedBy) })}
                        {c.replaces && t('signing.relationReplacement', { number: numberOf(c.replaces) })}
                        {c.supplementTo && t('signing.relationSupplement', { number: numberOf(c.supplementTo) })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

/**
 * The regulator's view: read-only (R-8.3.1 "regulators through read-only endpoints"), the same data
 * the regulator API gives — authorised scope, standards, equipment status, certificates register,
 * personnel counts per item and complaint statistics (never complainants). There is no form here.
 */
export function RegulatorView() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  return (
    <div className="stack">
      <h1>{t('regulator.title')} <small className="muted">{me?.institution}</small></h1>
      <p><Badge tone="info">{t('regulator.readOnly')}</Badge></p>
      {can('GET', '/api/equipment/measurement-standards') && <DataList id="reg-standards" title={t('equipment.standards')} path="/api/equipment/measurement-standards" columns={[{ key: 'code' }, { key: 'name' }, { key: 'category' }, { key: 'valid' }, { key: 'validUntil' }]} />}
      {can('GET', '/api/equipment/equipment') && <DataList id="reg-equipment" title={t('equipment.title')} path="/api/equipment/equipment?pageSize=200" columns={[{ key: 'assetNumber' }, { key: 'name' }, { key: 'status' }, { key: 'dueDate' }]} />}
      {can('GET', '/api/certificates/certificates') && <CertificateRegister />}
      {can('GET', '/api/quality/regulator') && <DataView id="reg-personnel" title={t('regulator.personnel')} path="/api/quality/regulator/personnel-counts" />}
      {can('GET', '/api/quality/regulator') && <DataView id="reg-complaints" title={t('regulator.complaints')} path="/api/quality/regulator/complaint-statistics" />}
    </div>
  );
}
