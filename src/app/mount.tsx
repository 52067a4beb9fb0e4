import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from './lib/i18n.js';
import './styles.css';

/** Renders an entry's app into #root, with the translations every page needs. */
export function mount(app: ReactNode): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>{app}</I18nextProvider>
    </StrictMode>,
  );
}
