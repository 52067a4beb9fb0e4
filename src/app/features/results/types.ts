/* This feature's API shapes come from the shared contract and the domain: nothing here is typed by hand. */
export type { RateeReport, Rankings, Score, UnitResult, WaveResults } from '../../../domain/scoring.js';
