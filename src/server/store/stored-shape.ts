import { z } from 'zod';
import { jobInputSchema, jobSchema } from '../../contract/jobs.js';
import { roleSchema } from '../../domain/schema.js';

/*
 * Both adapters check what they read against the shape it is stored in, the same way: a row or
 * document that does not fit (a hand-edited file, a half-applied migration) fails loudly, naming
 * what did not fit, instead of travelling on as a wrong type. Only types are checked; the domain's
 * rules were checked when it was written.
 */

/** A mapper that parses one stored `thing` ("row", "document") of `place` with `schema`. */
export function storedShape<S extends z.ZodType>(place: string, thing: 'row' | 'document', schema: S): (stored: unknown) => z.output<S> {
  const article = /^[aeiou]/.test(place) ? 'an' : 'a';
  return (stored) => {
    const parsed = schema.safeParse(stored);
    if (!parsed.success) throw new Error(`${article} ${place} ${thing} does not have the stored shape: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return parsed.data;
  };
}

/** Text holding JSON of `schema`; text that is not JSON is an issue like any other, not a thrown SyntaxError. */
export const jsonText = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.issues.push({ code: 'custom', message: 'not JSON', input: s });
        return z.NEVER;
      }
    })
    .pipe(schema);
/** Bytes as a plain Uint8Array (drivers hand out Buffers). */
export const storedBytes = z.instanceof(Uint8Array).transform((b) => new Uint8Array(b));

/** An opened group's sum slots, stored as JSON text by both adapters: slot → m, with numeric slots. */
export const openedSums = jsonText(z.record(z.string(), z.int())).transform((sums) =>
  Object.fromEntries(Object.entries(sums).map(([slot, m]) => [Number(slot), m])) as Record<number, number>,
);

/** A job, stored as JSON text by both adapters (jobs are written whole by their one runner). */
export const storedJob = storedShape(
  'jobs',
  'document',
  jsonText(
    z.intersection(
      jobSchema,
      z.object({
        input: jobInputSchema,
        actor: z.object({ uid: z.string(), email: z.string().nullable(), role: roleSchema.nullable(), trustee: z.boolean(), agencies: z.array(z.string()) }),
      }),
    ),
  ),
);
