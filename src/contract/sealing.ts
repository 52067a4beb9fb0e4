import { z } from 'zod';
import { ceremonySchema } from '../domain/sealing/schema.js';

/* The sealing API's shapes besides the domain's ceremony and opening schemas. */

export const ceremonyListSchema = z.object({ ceremonies: z.array(ceremonySchema) }).meta({ id: 'CeremonyList' });
