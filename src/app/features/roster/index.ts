export { RosterImportPage } from './RosterImportPage.js';
