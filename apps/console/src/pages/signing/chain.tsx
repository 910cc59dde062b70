import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/status';
import { ChainCertificate, ChainEntry } from './amendments';

export const statusTone = (status: string) => (status === 'issued' ? 'ok' : status === 'void' ? 'bad' : 'info');

/** The name of a certificate in the chain: its number, or "draft …" before it has one. */
export function useCertificateName() {
  const { t } = useTranslation();
  return (c: Pick<ChainCertificate, 'id' | 'number'> | null | undefined) => (c ? c.number ?? t('signing.draftNo', { id: c.id.slice(0, 8) }) : '—');
}

/**
 * the original with its supplements and replacements, each with its status: a void original
 * says which certificate replaced it; the certificate on screen is marked.
 */
export function CertificateChain({ chain, current }: { chain: ChainEntry[]; current: string }) {
  const { t } = useTranslation();
  const name = useCertificateName();
  if (chain.length < 2) return null;
  return (
    <section className="card" aria-labelledby="chain-title">
      <h2 id="chain-title">{t('signing.chain')}</h2>
      <div className="table-wrap">
        <table data-testid="certificate-chain">
          <thead>
            <tr><th scope="col">{t('field.number')}</th><th scope="col">{t('signing.relation')}</th><th scope="col">{t('field.status')}</th><th scope="col">{t('signing.amendmentReason')}</th></tr>
          </thead>
          <tbody>
            {chain.map((e) => (
              <tr key={e.certificate.id} data-status={e.certificate.status} data-relation={e.relation} aria-current={e.certificate.id === current ? 'page' : undefined} className={e.certificate.id === current ? 'current' : undefined}>
                <td style={{ paddingLeft: `${8 + e.depth * 20}px` }}>
                  {e.certificate.id === current ? <strong>{name(e.certificate)}</strong> : <Link to={`/signing/certificates/${e.certificate.id}`}>{name(e.certificate)}</Link>}
                </td>
                <td>
                  {e.relation === 'original' ? t('signing.relationOriginal') : t(e.relation === 'supplement' ? 'signing.relationSupplement' : 'signing.relationReplacement', { number: name(e.of) })}
                </td>
                <td>
                  <Badge tone={statusTone(e.certificate.status)}>{t(`certificateStatus.${e.certificate.status}`, { defaultValue: e.certificate.status })}</Badge>
                  {e.replacedBy && <span className="muted"> {t('signing.replacedByNumber', { number: name(e.replacedBy) })}</span>}
                </td>
                <td>{e.certificate.amendmentReason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
