import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Outlet, RouterProvider } from 'react-router';
import { AppShell } from './components/AppShell.js';
import { AgenciesPage, AgencyPage } from './features/agencies/index.js';
import { AuditLogPage } from './features/audit/index.js';
import { RosterImportPage } from './features/roster/index.js';
import { WaveFormPage, WavePage, WavesPage } from './features/waves/index.js';
import { AuthProvider, RequireStaff, SignInPage, SignOutButton } from './features/auth/index.js';
import { useSession } from './lib/session.js';

function StaffLayout() {
  return (
    <AppShell actions={<SignOutButton />}>
      <Outlet />
    </AppShell>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound')}</h1>
      <Link to="/">{t('backHome')}</Link>
    </section>
  );
}

// Coverage brings the chart library: loaded only when someone opens it.
const CoveragePage = lazy(() => import('./features/coverage/index.js').then((m) => ({ default: m.CoveragePage })));
const NonRespondersPage = lazy(() => import('./features/coverage/index.js').then((m) => ({ default: m.NonRespondersPage })));
// Results bring the chart library too.
const ResultsPage = lazy(() => import('./features/results/index.js').then((m) => ({ default: m.ResultsPage })));
const RateeReportPage = lazy(() => import('./features/results/index.js').then((m) => ({ default: m.RateeReportPage })));
const RankingsPage = lazy(() => import('./features/results/index.js').then((m) => ({ default: m.RankingsPage })));
// Key ceremonies and opening results: trustees' pages, with their Web Worker.
const sealing = () => import('./features/sealing/index.js');
const TrusteeHome = lazy(() => sealing().then((m) => ({ default: m.TrusteeHome })));
const CeremoniesPage = lazy(() => sealing().then((m) => ({ default: m.CeremoniesPage })));
const CeremonyPage = lazy(() => sealing().then((m) => ({ default: m.CeremonyPage })));
const OpeningPage = lazy(() => sealing().then((m) => ({ default: m.OpeningPage })));
const OpeningNotice = lazy(() => sealing().then((m) => ({ default: m.OpeningNotice })));

/** Staff start at their agencies; a trustee without a role at their ceremonies and waves to open. */
function Home() {
  const session = useSession();
  return session.role ? <AgenciesPage /> : <Lazy><TrusteeHome /></Lazy>;
}

function Lazy({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation('common');
  return <Suspense fallback={<p role="status">{t('loading')}</p>}>{children}</Suspense>;
}

const router = createBrowserRouter([
  {
    element: <StaffLayout />,
    children: [
      { path: '/masuk', element: <SignInPage /> },
      {
        path: '/',
        element: (
          <RequireStaff>
            <Outlet />
          </RequireStaff>
        ),
        children: [
          { index: true, element: <Home /> },
          { path: 'wali-kunci', element: <Lazy><TrusteeHome /></Lazy> },
          { path: 'instansi/:agencyId/kunci', element: <Lazy><CeremoniesPage /></Lazy> },
          { path: 'kunci/:ceremonyId', element: <Lazy><CeremonyPage /></Lazy> },
          { path: 'gelombang/:waveId/buka', element: <Lazy><OpeningPage /></Lazy> },
          { path: 'instansi/:agencyId', element: <AgencyPage /> },
          { path: 'instansi/:agencyId/pegawai', element: <RosterImportPage /> },
          { path: 'instansi/:agencyId/gelombang', element: <WavesPage /> },
          { path: 'instansi/:agencyId/gelombang/baru', element: <WaveFormPage /> },
          { path: 'instansi/:agencyId/log', element: <AuditLogPage /> },
          { path: 'gelombang/:waveId', element: <WavePage /> },
          { path: 'gelombang/:waveId/ubah', element: <WaveFormPage /> },
          { path: 'gelombang/:waveId/cakupan', element: <Lazy><CoveragePage /></Lazy> },
          { path: 'gelombang/:waveId/pengingat', element: <Lazy><NonRespondersPage /></Lazy> },
          { path: 'gelombang/:waveId/hasil', element: <Lazy><ResultsPage whileSealed={<OpeningNotice />} /></Lazy> },
          { path: 'gelombang/:waveId/hasil/:nip', element: <Lazy><RateeReportPage /></Lazy> },
          { path: 'peringkat', element: <Lazy><RankingsPage /></Lazy> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** Staff area: Firebase Auth, routing and every staff feature. Never loaded on `/r`. */
export function StaffApp() {
  return (
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>
  );
}
