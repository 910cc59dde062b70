import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../components/field';
import { ProblemAlert } from '../../components/status';

/** One reason signing would be refused (R-5.1.3, R-6.4.5, R-6.4.2.x, R-6.4.4), as the service states it. */
export interface SigningRefusal {
  requirement: string;
  rule: string;
  field: string;
  message: string;
}

/** GET /api/certificates/certificates/:id/signing-readiness: signing's own rule, asked without the PIN. */
export interface SigningReadiness {
  certificateId: string;
  status: string;
  canSign: boolean;
  refusals: SigningRefusal[];
}

/** A refusal can clear without this page (an authorisation granted, a PIN re-enrolled): asked again now and then. */
const REFUSED_RECHECK_MS = 15_000;

/**
 * Signing a draft, which asks for the signatory's PIN every time (R-6.4.5 re-authentication). Before
 * the PIN is typed the service tells whether signing would be refused and why; while it would, the
 * reasons stand above the PIN field, and the field and the button are disabled with the reasons as
 * their description. The check only advises: when it cannot be asked or fails, the form is as it
 * was without it, and signing itself decides.
 */
export function SignForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queries = useQueryClient();
  const refusalsId = useId();
  const [pin, setPin] = useState('');
  const readinessPath = `/api/certificates/certificates/${id}/signing-readiness`;
  const readiness = useQuery({
    queryKey: ['signing-readiness', id],
    queryFn: () => get<SigningReadiness>(readinessPath),
    enabled: can('GET', readinessPath),
    refetchInterval: (query) => (query.state.data?.canSign === false ? REFUSED_RECHECK_MS : false),
  });
  const refusals = readiness.data && !readiness.data.canSign ? readiness.data.refusals : [];
  const refused = refusals.length > 0;
  const sign = useMutation({
    mutationFn: () => post(`/api/certificates/certificates/${id}/sign`, { pin }),
    onSuccess: () => {
      setPin('');
      void queries.invalidateQueries({ predicate: (q) => ['certificate', 'certificate-history', 'certificates', 'signing-readiness'].includes(String(q.queryKey[0])) });
    },
    onError: () => {
      setPin('');
      // A wrong PIN counts towards the lock: the check says when it is reached.
      void queries.invalidateQueries({ queryKey: ['signing-readiness', id] });
    },
  });
  const describedBy = refused ? refusalsId : undefined;
  return (
    <>
      <form className="card inline-form" onSubmit={(e) => { e.preventDefault(); sign.mutate(); }} aria-labelledby="sign-title">
        <h2 id="sign-title">{t('signing.sign')}</h2>
        {refused && (
          <div className="problem" id={refusalsId} data-testid="signing-refusals">
            <strong>{t('signing.wouldBeRefused')}</strong>
            <ul>
              {refusals.map((r) => <li key={`${r.field}-${r.rule}-${r.message}`}>{r.message} <span className="muted small">({r.requirement})</span></li>)}
            </ul>
          </div>
        )}
        <p className="muted">{t('signing.pinHint')}</p>
        <Field
          label={t('signing.pin')} type="password" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6,12}" value={pin} onChange={(e) => setPin(e.target.value)} required name="pin"
          disabled={refused} aria-describedby={describedBy}
        />
        <button type="submit" disabled={sign.isPending || refused} aria-describedby={describedBy}>{sign.isPending ? t('signing.signing') : t('signing.signNow')}</button>
      </form>
      <ProblemAlert error={sign.error} />
    </>
  );
}
