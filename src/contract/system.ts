import { z } from 'zod';

/* The system API's shapes: health and the web config the SPA starts from. */

export const healthSchema = z
  .object({ status: z.literal('ok'), store: z.enum(['sqlite', 'firestore']), storeReachedAt: z.iso.datetime(), time: z.iso.datetime() })
  .meta({ id: 'Health' });

/** The Firebase web config, served at run time so one build serves every environment. */
export const clientConfigSchema = z
  .object({
    firebase: z.object({ apiKey: z.string(), authDomain: z.string(), projectId: z.string() }),
    authEmulatorUrl: z.string().nullable(),
  })
  .meta({ id: 'ClientConfig' });
