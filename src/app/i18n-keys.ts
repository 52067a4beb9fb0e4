import type { conceptsText } from './lib/concepts.js';
import type { commonText } from './lib/i18n.js';
import type { agenciesText } from './features/agencies/i18n.js';
import type { auditText } from './features/audit/i18n.js';
import type { authText } from './features/auth/i18n.js';
import type { coverageText } from './features/coverage/i18n.js';
import type { respondText } from './features/respond/i18n.js';
import type { resultsText } from './features/results/i18n.js';
import type { rosterText } from './features/roster/i18n.js';
import type { sealingText } from './features/sealing/i18n.js';
import type { wavesText } from './features/waves/i18n.js';

/*
 * Every translation key is typed: `t('nope')` or `t('waves:nope')` fails tsc. The app level may
 * know every feature (features never know each other), so the namespaces are gathered here.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof commonText.id;
      concepts: typeof conceptsText.id;
      agencies: typeof agenciesText.id;
      audit: typeof auditText.id;
      auth: typeof authText.id;
      coverage: typeof coverageText.id;
      respond: typeof respondText.id;
      results: typeof resultsText.id;
      roster: typeof rosterText.id;
      sealing: typeof sealingText.id;
      waves: typeof wavesText.id;
    };
  }
}
