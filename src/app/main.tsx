import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { i18n } from './lib/i18n.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const isRespondent = /^\/r\/?$/.test(window.location.pathname);

// Two entry chunks: a respondent's phone never downloads the router, Firebase or staff features.
const app = isRespondent
  ? import('./respondent-app.js').then((m) => <m.RespondentApp />)
  : import('./staff-app.js').then((m) => <m.StaffApp />);

void app.then((element) =>
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>{element}</I18nextProvider>
    </StrictMode>,
  ),
);
