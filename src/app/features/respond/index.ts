export { RespondPage } from './RespondPage.js';
