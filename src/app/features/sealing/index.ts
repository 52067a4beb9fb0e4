export { CeremoniesPage } from './CeremoniesPage.js';
export { CeremonyPage } from './CeremonyPage.js';
export { OpeningPage } from './OpeningPage.js';
export { OpeningStatusView } from './OpeningStatusView.js';
export { TrusteeHome } from './TrusteeHome.js';
export { OpeningNotice } from './OpeningNotice.js';
