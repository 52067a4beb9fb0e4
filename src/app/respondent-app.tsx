import { AppShell } from './components/AppShell.js';
import { RespondPage } from './features/respond/index.js';

if ('serviceWorker' in navigator) {
  // Lets a link opened once open again without a connection.
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

/** Everything a respondent's phone downloads: no router, no Firebase, no staff code. */
export function RespondentApp() {
  return (
    <AppShell>
      <RespondPage />
    </AppShell>
  );
}
