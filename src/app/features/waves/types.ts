/* The waves feature's API shapes come from the shared contract: nothing here is typed by hand. */
export type { InvitationLink, PlanPreview, WaveView } from '../../../contract/waves.js';
