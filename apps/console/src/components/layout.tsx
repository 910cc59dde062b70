import { NavLink, Outlet, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { LanguageSwitch } from './language-switch';
import { Loading } from './status';

/** Which sections a role sees: each entry needs a read the permission matrix grants. */
export const sections = [
  { to: '/window', key: 'nav.window', needs: ['GET', '/api/intake/contracts'], writes: ['POST', '/api/intake/customers'] },
  { to: '/bench', key: 'nav.bench', needs: ['GET', '/api/records/raw-records'], writes: ['POST', '/api/records/raw-records'] },
  { to: '/signing', key: 'nav.signing', needs: ['GET', '/api/certificates/certificates'], writes: null },
  { to: '/equipment', key: 'nav.equipment', needs: ['GET', '/api/equipment/equipment'], writes: null },
  { to: '/quality', key: 'nav.quality', needs: ['GET', '/api/quality/corrective-actions'], writes: null },
  { to: '/dashboard', key: 'nav.dashboard', needs: ['GET', '/api/intake/time-limit-promises'], writes: null },
  { to: '/regulator', key: 'nav.regulator', needs: ['GET', '/api/quality/regulator'], writes: null },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  if (session.loading) return <Loading />;
  const visible = sections.filter((s) => {
    if (s.to === '/regulator') return session.hasRole('regulator');
    if (s.to === '/window' || s.to === '/bench') return session.can(s.needs[0], s.needs[1]) && session.can(s.writes[0], s.writes[1]);
    return session.can(s.needs[0], s.needs[1]);
  });
  return (
    <div className="shell">
      <a className="skip" href="#main">{t('nav.skip')}</a>
      <header className="topbar">
        <strong className="brand">{t('app.name')}</strong>
        <nav aria-label={t('nav.label')}>
          {visible.map((s) => (
            <NavLink key={s.to} to={s.to}>{t(s.key)}</NavLink>
          ))}
        </nav>
        <span className="spacer" />
        <LanguageSwitch />
        {session.me ? (
          <span className="who">
            <span data-testid="who" title={session.me.user}>{session.me.displayName ?? session.me.user}</span> · <span title={session.me.institution}>{session.me.institutionName ?? session.me.institution}</span> · {session.me.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join('、')}
            <button type="button" className="link" onClick={() => { session.logout(); navigate('/login'); }}>{t('nav.logout')}</button>
          </span>
        ) : (
          <NavLink to="/login">{t('nav.login')}</NavLink>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
