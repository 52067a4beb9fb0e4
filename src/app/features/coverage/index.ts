export { CoveragePage } from './CoveragePage.js';
export { NonRespondersPage } from './NonRespondersPage.js';
