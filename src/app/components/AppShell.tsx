import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';

/** The frame of every page: a header with the product name, the language switch and page actions. */
export function AppShell({ actions, children }: { actions?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <header className="shell__header">
        <span className="shell__brand">{t('appName')}</span>
        <div className="shell__actions">
          {actions}
          <LanguageSwitch />
        </div>
      </header>
      <main className="shell__main" id="main">
        {children}
      </main>
    </div>
  );
}
