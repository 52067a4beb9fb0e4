import { z } from 'zod';

/* The coverage API's shapes besides the domain's Coverage and IntegrityReport. */

/** A rater with ratings left, for a reminder round: contacts, never answers. */
export const nonResponderSchema = z
  .object({
    nip: z.string(),
    name: z.string(),
    unit: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    ticketsIssued: z.int(),
    ticketsLeft: z.int(),
  })
  .meta({ id: 'NonResponder' });
export type NonResponder = z.infer<typeof nonResponderSchema>;

export const nonResponderListSchema = z.object({ raters: z.array(nonResponderSchema) }).meta({ id: 'NonResponderList' });
