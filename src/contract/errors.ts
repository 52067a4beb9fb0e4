import { z } from 'zod';
import { localizedTextSchema } from '../domain/text.js';

/* Every API error's body: one schema for the routes, the OpenAPI document and the SPA's client. */

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      messages: localizedTextSchema,
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      /** Row-by-row problems of an uploaded file. */
      rows: z
        .array(z.object({ line: z.int().nullable(), column: z.string().nullable(), message: z.string(), messages: localizedTextSchema }))
        .optional(),
      /** How many row problems there are in all, when `rows` lists only the first of them. */
      rowsTotal: z.int().optional(),
      /** The problems beyond `rows`, counted per column ("" for the whole file). */
      rowsMore: z.record(z.string(), z.int()).optional(),
      /** When a scheduled wave opens. */
      opensAt: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** What some errors carry besides their message: a file's row problems, a scheduled wave's opening time. */
export type ErrorExtra = Pick<ErrorBody['error'], 'rows' | 'rowsTotal' | 'rowsMore' | 'opensAt'>;
