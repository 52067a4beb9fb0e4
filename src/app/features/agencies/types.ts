/* The agencies feature's API shapes come from the shared contract: nothing here is typed by hand. */
export type { AgencyDetail, AgencyWithSummary } from '../../../contract/agencies.js';
