export { AgenciesPage } from './AgenciesPage.js';
export { AgencyPage } from './AgencyPage.js';
