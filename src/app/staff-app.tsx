import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Outlet, RouterProvider } from 'react-router';
import { AppShell } from './components/AppShell.js';
import { AgenciesPage, AgencyPage } from './features/agencies/index.js';
import { AuditLogPage } from './features/audit/index.js';
import { RosterImportPage } from './features/roster/index.js';
import { WaveFormPage, WavePage, WavesPage } from './features/waves/index.js';
import { AuthProvider, RequireStaff, SignInPage, SignOutButton } from './features/auth/index.js';

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
          { index: true, element: <AgenciesPage /> },
          { path: 'instansi/:agencyId', element: <AgencyPage /> },
          { path: 'instansi/:agencyId/pegawai', element: <RosterImportPage /> },
          { path: 'instansi/:agencyId/gelombang', element: <WavesPage /> },
          { path: 'instansi/:agencyId/gelombang/baru', element: <WaveFormPage /> },
          { path: 'instansi/:agencyId/log', element: <AuditLogPage /> },
          { path: 'gelombang/:waveId', element: <WavePage /> },
          { path: 'gelombang/:waveId/ubah', element: <WaveFormPage /> },
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
