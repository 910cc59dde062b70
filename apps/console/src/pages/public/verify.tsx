import { FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { Badge, Loading, ProblemAlert } from '../../components/status';
import { Field } from '../../components/field';
import { LanguageSwitch } from '../../components/language-switch';

export interface Verification {
  exists: boolean;
  number: string;
  kind: string;
  issuedAt: string;
  item: string;
  status: 'valid' | 'void';
  replacedBy: { number: string | null } | null;
  replaces: { number: string | null } | null;
  supplementTo: { number: string | null } | null;
  supplements: string[];
  signatory: { printedName: string | null; keyId: string | null; algorithm: string };
  signatureValid: boolean;
  documents: { json: string; xml: string; pdf: string };
  documentMatches?: boolean;
  matchedFormat?: string | null;
}

const verifyPath = (institution: string, number: string, sha256?: string) =>
  `/public/certificates/verify?institution=${encodeURIComponent(institution)}&number=${encodeURIComponent(number)}${sha256 ? `&hash=${sha256}` : ''}`;

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Certificate verification, the target of the QR code printed on every certificate (R-6.4.3):
 * `/api/certificates/public/certificates/:tenant/:number` opened in a phone's browser lands here.
 * No login; works at phone width; the holder may also check the PDF they were given, byte for byte.
 */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const [search] = useSearchParams();
  const institution = params.tenant ?? search.get('institution') ?? '';
  const number = params.number ?? search.get('number') ?? '';
  // A checked file belongs to the certificate it was checked against (links lead to others).
  const [checked, setChecked] = useState<{ key: string; hash: string } | undefined>();
  const hash = checked?.key === `${institution}/${number}` ? checked.hash : undefined;
  const setHash = (h: string) => setChecked({ key: `${institution}/${number}`, hash: h });
  const query = useQuery({
    queryKey: ['verify', institution, number, hash],
    queryFn: () => get<Verification>(verifyPath(institution, number, hash), { anonymous: true }),
    enabled: Boolean(institution && number),
    retry: false,
  });
  const v = query.data;
  return (
    <div className="public-page">
      <header className="public-header">
        <strong>{t('verify.title')}</strong>
        <LanguageSwitch />
      </header>
      {!institution || !number ? (
        <VerifyForm />
      ) : (
        <>
          <p className="muted">{t('verify.asked', { institution, number })}</p>
          {query.isLoading && <Loading />}
          {query.error && (query.error as { status?: number }).status === 404 ? (
            <div role="alert" className="verdict verdict-bad">
              <h1>{t('verify.notFound')}</h1>
              <p>{t('verify.notFoundHint')}</p>
            </div>
          ) : (
            <ProblemAlert error={query.error} />
          )}
          {v && (
            <section aria-labelledby="verdict">
              <div className={`verdict ${v.status === 'valid' && v.signatureValid ? 'verdict-ok' : 'verdict-bad'}`} data-testid="verdict">
                <h1 id="verdict">
                  {v.status === 'valid' && v.signatureValid ? t('verify.valid') : v.status === 'void' ? t('verify.void') : t('verify.tampered')}
                </h1>
                <p>{t('verify.number')}: <strong data-testid="certificate-number">{v.number}</strong></p>
                {v.status === 'void' && (
                  <p data-testid="void-hint">
                    {v.replacedBy?.number
                      ? <>{t('verify.voidReplaced')} <CertificateLink institution={institution} number={v.replacedBy.number} /></>
                      : t('verify.voidWithdrawn')}
                  </p>
                )}
              </div>
              <dl className="facts">
                <div className="dl-row"><dt>{t('verify.kind')}</dt><dd>{t(`certificateKind.${v.kind}`, { defaultValue: v.kind })}</dd></div>
                <div className="dl-row"><dt>{t('verify.item')}</dt><dd>{v.item}</dd></div>
                <div className="dl-row"><dt>{t('verify.issuedAt')}</dt><dd>{new Date(v.issuedAt).toLocaleString(i18n.language)}</dd></div>
                <div className="dl-row"><dt>{t('verify.signatory')}</dt><dd>{v.signatory.printedName ?? '—'}</dd></div>
                <div className="dl-row">
                  <dt>{t('verify.signature')}</dt>
                  <dd>{v.signatureValid ? <Badge tone="ok">{t('verify.signatureOk')}</Badge> : <Badge tone="bad">{t('verify.signatureBad')}</Badge>} <span className="muted">{v.signatory.algorithm}</span></dd>
                </div>
                {v.replacedBy?.number && <div className="dl-row" data-testid="replaced-by"><dt>{t('verify.replacedBy')}</dt><dd><CertificateLink institution={institution} number={v.replacedBy.number} /></dd></div>}
                {v.replaces?.number && <div className="dl-row" data-testid="replaces"><dt>{t('verify.replaces')}</dt><dd><CertificateLink institution={institution} number={v.replaces.number} /></dd></div>}
                {v.supplementTo?.number && <div className="dl-row" data-testid="supplement-to"><dt>{t('verify.supplementTo')}</dt><dd><CertificateLink institution={institution} number={v.supplementTo.number} /></dd></div>}
                {v.supplements.length > 0 && (
                  <div className="dl-row" data-testid="supplements">
                    <dt>{t('verify.supplements')}</dt>
                    <dd>{v.supplements.map((n, i) => <span key={n}>{i > 0 && ', '}<CertificateLink institution={institution} number={n} /></span>)}</dd>
                  </div>
                )}
              </dl>
              <DocumentCheck onHash={setHash} result={hash ? v : undefined} />
              <details>
                <summary>{t('verify.hashes')}</summary>
                <dl className="hashes">
                  {(['pdf', 'xml', 'json'] as const).map((f) => <div key={f} className="dl-row"><dt>{f.toUpperCase()}</dt><dd><code>{v.documents[f]}</code></dd></div>)}
                </dl>
              </details>
            </section>
          )}
        </>
      )}
    </div>
  );
}

/** Another certificate of the same institution, verified on this page (a void one points at its replacement). */
function CertificateLink({ institution, number }: { institution: string; number: string }) {
  return <Link to={`/verify?institution=${encodeURIComponent(institution)}&number=${encodeURIComponent(number)}`}>{number}</Link>;
}

function DocumentCheck({ onHash, result }: { onHash: (hash: string) => void; result?: Verification }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <div className="document-check">
      <label>
        {t('verify.checkFile')}
        <input type="file" accept="application/pdf,.pdf,.xml,.json" disabled={busy} onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setBusy(true);
          try {
            onHash(await sha256Hex(file));
          } finally {
            setBusy(false);
          }
        }} />
      </label>
      {result?.documentMatches !== undefined && (
        <p role="status">{result.documentMatches ? <Badge tone="ok">{t('verify.fileMatches', { format: result.matchedFormat })}</Badge> : <Badge tone="bad">{t('verify.fileDiffers')}</Badge>}</p>
      )}
    </div>
  );
}

function VerifyForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [institution, setInstitution] = useState('');
  const [number, setNumber] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/verify?institution=${encodeURIComponent(institution.trim())}&number=${encodeURIComponent(number.trim())}`);
  };
  return (
    <form onSubmit={submit} className="stack">
      <p>{t('verify.formHint')}</p>
      <Field label={t('verify.institution')} value={institution} onChange={(e) => setInstitution(e.target.value)} required pattern="[a-z0-9][a-z0-9-]{1,62}" />
      <Field label={t('verify.number')} value={number} onChange={(e) => setNumber(e.target.value)} required />
      <button type="submit">{t('verify.submit')}</button>
    </form>
  );
}
