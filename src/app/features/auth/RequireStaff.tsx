import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { useAuthState } from './AuthProvider.js';
import './i18n.js';

/** Shows its children only to signed-in staff with a role or the trustee capability; sends everyone else to sign in. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { t } = useTranslation(['auth', 'common']);
  const state = useAuthState();
  if (state.status === 'loading') return <p role="status">{t('common:loading')}</p>;
  if (state.status === 'error') return <Notice tone="error">{t('common:networkError')}</Notice>;
  if (state.status === 'signed-out') return <Navigate to="/masuk" replace />;
  if (!state.session.role && !state.session.trustee) {
    return <Notice tone="error">{t('auth:noRole', { email: state.session.email ?? '' })}</Notice>;
  }
  return <>{children}</>;
}

export function SignOutButton() {
  const { t } = useTranslation('auth');
  const state = useAuthState();
  if (state.status !== 'signed-in') return null;
  return (
    <button type="button" className="button button--ghost" onClick={() => void state.session.signOut()}>
      {t('signOut')}
    </button>
  );
}
