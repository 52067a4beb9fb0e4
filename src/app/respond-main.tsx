import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from './lib/i18n.js';
import { RespondentApp } from './respondent-app.js';
import './styles.css';

// The respondent's own entry, built separately (vite.respondent.config.ts) so a phone never
// downloads the router, Firebase or any staff code.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RespondentApp />
    </I18nextProvider>
  </StrictMode>,
);
