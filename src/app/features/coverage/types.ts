/* This feature's API shapes come from the shared contract and the domain: nothing here is typed by hand. */
export type { Coverage, RateeCoverage, UnitCoverage } from '../../../domain/coverage.js';
export type { IntegrityReport } from '../../../domain/integrity.js';


export type { NonResponder } from '../../../contract/coverage.js';
