import { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from './auth/session';
import { Layout } from './components/layout';
import { Loading } from './components/status';
import { BenchQueue } from './pages/bench/queue';
import { RecordPage } from './pages/bench/record-page';
import { Dashboard } from './pages/dashboard/dashboard';
import { HomePage } from './pages/home';
import { LoginPage } from './pages/login';
import { ComplaintFormPage } from './pages/public/complaint-form';
import { DisclosurePage } from './pages/public/disclosure';
import { VerifyPage } from './pages/public/verify';
import { EquipmentLedger } from './pages/quality/equipment';
import { QualityPages } from './pages/quality/quality';
import { RegulatorView } from './pages/regulator/regulator';
import { CertificatePage, SigningQueue } from './pages/signing/signing';
import { ContractDetailPage } from './pages/window/contract-detail';
import { NewContractPage } from './pages/window/new-contract';
import { WindowHome } from './pages/window/window-home';

/** A section the signed-in roles may not read says so, instead of showing forms that would be refused. */
function RequireRead({ path, children }: { path: string; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useTranslation();
  if (!can('GET', path)) return <p role="note" className="empty">{t('home.notForRole')}</p>;
  return <>{children}</>;
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { token, loading } = useSession();
  const location = useLocation();
  if (!token) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (loading) return <Loading />;
  return <>{children}</>;
}

/**
 * Routes. Public pages need no login: the certificate verification page answers the exact path the
 * certificates service prints as QR code (`<base>/public/certificates/:tenant/:number`, base
 * `…/api/certificates` by default), plus `/verify` for typing a number in; `/disclosure/:institution`
 * and its complaint form `/complaints/:institution/new` (R-8.3.1, linked from the disclosure).
 */
export function App() {
  return (
    <Routes>
      <Route path="/api/certificates/public/certificates/:tenant/:number" element={<VerifyPage />} />
      <Route path="/public/certificates/:tenant/:number" element={<VerifyPage />} />
      <Route path="/verify" element={<VerifyPage />} />
      <Route path="/disclosure/:institution" element={<DisclosurePage />} />
      <Route path="/complaints/:institution/new" element={<ComplaintFormPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireLogin><Layout /></RequireLogin>}>
        <Route index element={<HomePage />} />
        <Route path="window" element={<RequireRead path="/api/intake/customers"><WindowHome /></RequireRead>} />
        <Route path="window/contracts/new" element={<RequireRead path="/api/intake/customers"><NewContractPage /></RequireRead>} />
        <Route path="window/contracts/:id" element={<RequireRead path="/api/intake/contracts"><ContractDetailPage /></RequireRead>} />
        <Route path="bench" element={<RequireRead path="/api/records/raw-records"><BenchQueue /></RequireRead>} />
        <Route path="bench/records/:id" element={<RequireRead path="/api/records/raw-records"><RecordPage /></RequireRead>} />
        <Route path="signing" element={<RequireRead path="/api/certificates/certificates"><SigningQueue /></RequireRead>} />
        <Route path="signing/certificates/:id" element={<RequireRead path="/api/certificates/certificates"><CertificatePage /></RequireRead>} />
        <Route path="equipment" element={<RequireRead path="/api/equipment/equipment"><EquipmentLedger /></RequireRead>} />
        <Route path="quality/*" element={<RequireRead path="/api/quality/corrective-actions"><QualityPages /></RequireRead>} />
        <Route path="dashboard" element={<RequireRead path="/api/intake/time-limit-promises"><Dashboard /></RequireRead>} />
        <Route path="regulator" element={<RegulatorView />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
