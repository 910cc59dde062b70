import { FormEvent, useState } from 'react';
import { useNavigate, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import { useSession } from '../auth/session';
import { Field } from '../components/field';
import { ProblemAlert, QueryState } from '../components/status';
import { LanguageSwitch } from '../components/language-switch';

interface DevUser {
  subject: string;
  displayName: string;
  roles: string[];
}

/**
 * Development login: pick a user seeded in the gateway's registry and get a token from its
 * development issuer (DEV_ISSUER=on; never in production, where the OIDC provider signs in).
 */
export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const users = useQuery({ queryKey: ['dev-users'], queryFn: () => get<DevUser[]>('/console-api/dev-users', { anonymous: true }), retry: false });
  const [subject, setSubject] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const back = (location.state as { from?: string } | null)?.from ?? '/';

  const login = async (who: string) => {
    setBusy(true);
    setError(null);
    try {
      await session.loginDev(who);
      navigate(back, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (subject.trim()) void login(subject.trim());
  };

  return (
    <div className="login">
      <header className="public-header">
        <strong>{t('app.name')}</strong>
        <LanguageSwitch />
      </header>
      <h1>{t('login.title')}</h1>
      <p className="muted">{t('login.devHint')}</p>
      <ProblemAlert error={error} />
      <QueryState query={users} isEmpty={(u) => u.length === 0} empty={t('login.noUsers')}>
        {(list) => (
          <ul className="user-list" aria-label={t('login.users')}>
            {list.map((u) => (
              <li key={u.subject}>
                <button type="button" disabled={busy} onClick={() => login(u.subject)} data-subject={u.subject}>
                  <strong>{u.displayName}</strong>
                  <span className="muted"> {u.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join('、')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <form onSubmit={submit} className="inline-form">
        <Field label={t('login.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} autoComplete="username" />
        <button type="submit" disabled={busy || !subject.trim()}>{t('login.submit')}</button>
      </form>
    </div>
  );
}
