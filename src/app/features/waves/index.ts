export { WaveFormPage } from './WaveFormPage.js';
export { WavePage } from './WavePage.js';
export { WavesPage } from './WavesPage.js';
