import { AppShell } from './components/AppShell.js';
import { RespondPage } from './features/respond/index.js';

/** Everything a respondent's phone downloads: no router, no Firebase, no staff code. */
export function RespondentApp() {
  return (
    <AppShell>
      <RespondPage />
    </AppShell>
  );
}
