import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';

/** Where each role starts its day. */
export function HomePage() {
  const { t } = useTranslation();
  const { hasRole, me } = useSession();
  if (hasRole('regulator')) return <Navigate to="/regulator" replace />;
  if (hasRole('intake-clerk')) return <Navigate to="/window" replace />;
  if (hasRole('calibrator', 'checker')) return <Navigate to="/bench" replace />;
  if (hasRole('authorised-signatory')) return <Navigate to="/signing" replace />;
  if (hasRole('technical-manager', 'quality-supervisor', 'administrator')) return <Navigate to="/dashboard" replace />;
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.noSection', { roles: me?.roles.join(', ') ?? '' })}</p>
      <p><Link to={`/disclosure/${me?.institution ?? ''}`}>{t('home.disclosure')}</Link></p>
    </section>
  );
}
