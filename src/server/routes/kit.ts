import { z } from '@hono/zod-openapi';
import { agencyIdSchema } from '../../domain/schema.js';

/* What every route declaration says the same way. */

/** Staff operations: a Firebase ID token in the Authorization header. */
export const security = [{ firebaseIdToken: [] }];

export const agencyParams = z.object({ agencyId: agencyIdSchema.meta({ param: { name: 'agencyId', in: 'path' } }) });

/** A required JSON request body of `schema`. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });

/** A JSON response of `schema`. */
export const jsonResponse = <S extends z.ZodType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
