import { z } from 'zod';
import { relationshipSchema } from '../domain/questionnaire-schema.js';

/* The respondent API's shapes. The submission itself is the domain's submissionSchema. */

/** What a rater's link opens: the wave and the colleagues still to rate, by name only. */
export const openedInvitationSchema = z
  .object({
    wave: z.object({ name: z.string(), closesAt: z.string(), questionnaireVersion: z.string(), anonymityThreshold: z.int() }),
    tickets: z.array(
      z.object({ id: z.string(), rateeName: z.string(), rateeUnit: z.string(), rateePosition: z.string(), relationship: relationshipSchema }),
    ),
  })
  .meta({ id: 'OpenedInvitation' });
export type OpenedInvitation = z.infer<typeof openedInvitationSchema>;

/** A submission's answer: recorded now, or by an earlier attempt (a retried send). */
export const submitResultSchema = z.object({ status: z.enum(['recorded', 'already_recorded']) }).meta({ id: 'SubmitResult' });
