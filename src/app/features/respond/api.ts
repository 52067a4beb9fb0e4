import { openedInvitationSchema, submitResultSchema } from '../../../contract/respond.js';
import type { Submission } from '../../../domain/response.js';
import { apiRequest } from '../../lib/api-client.js';

/* The respondent page's two calls, each with the contract's schema of its answer. The code goes in the body, never the URL. */

export const openInvitation = (code: string, signal?: AbortSignal) =>
  apiRequest('/api/respond/open', { method: 'POST', body: { code }, signal, schema: openedInvitationSchema });

export const submitAnswers = (submission: Submission) => apiRequest('/api/respond/submit', { method: 'POST', body: submission, schema: submitResultSchema });
