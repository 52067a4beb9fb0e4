import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from './lib/i18n.js';
import { StaffApp } from './staff-app.js';
import './styles.css';

// Staff entry. Respondents get their own, much lighter entry: respond.html (/r).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <StaffApp />
    </I18nextProvider>
  </StrictMode>,
);
