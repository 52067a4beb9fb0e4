export { RankingsPage } from './RankingsPage.js';
export { RateeReportPage } from './RateeReportPage.js';
export { ResultsPage } from './ResultsPage.js';
