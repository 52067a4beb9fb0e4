import { z } from 'zod';
import { localizedTextSchema } from '../domain/text.js';
import { integrityReportSchema } from '../domain/integrity.js';
import { rosterImportResultSchema } from '../domain/roster.js';
import { launchResultSchema } from './waves.js';

/*
 * Long work as jobs: the route checks what it can at once, answers 202 with the job, and the work
 * runs apart from the request (a task-queue function on Firebase, in-process on the Node server).
 * The page polls the job for its progress and result.
 */

export const jobStatusSchema = z.enum(['running', 'succeeded', 'failed']);

const progressSchema = z.object({ done: z.int().min(0), total: z.int().min(0) });
const jobErrorSchema = z.object({ code: z.string(), message: z.string(), messages: localizedTextSchema });

const jobBase = {
  id: z.string(),
  agencyId: z.string(),
  waveId: z.string().nullable(),
  status: jobStatusSchema,
  /** Documents written of those to write; 0 of 0 until the work knows its size. */
  progress: progressSchema,
  error: jobErrorSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** One job as the API shows it; `result` is set once it has succeeded. */
export const jobSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...jobBase, kind: z.literal('wave.launch'), result: launchResultSchema.nullable() }),
    z.object({ ...jobBase, kind: z.literal('wave.verify'), result: integrityReportSchema.nullable() }),
    // Raters' progress recounted for coverage (Firestore); `countedAt` null where it is always live.
    z.object({ ...jobBase, kind: z.literal('coverage.recount'), result: z.object({ countedAt: z.string().nullable() }).nullable() }),
    // A checked roster file written to the agency (its rows re-checked against the roster as it is then).
    z.object({ ...jobBase, kind: z.literal('roster.import'), waveId: z.null(), result: rosterImportResultSchema.nullable() }),
  ])
  .meta({ id: 'Job' });
export type Job = z.infer<typeof jobSchema>;
export type JobKind = Job['kind'];

/**
 * What a job was asked to do, beside its kind and wave: a launch's plan hash; an import's file kind
 * and option (its file is kept beside the job until the job ends). Kept on the server.
 */
export const jobInputSchema = z.object({
  planHash: z.string().optional(),
  roster: z.object({ fileKind: z.enum(['csv', 'xlsx']), deactivateMissing: z.boolean() }).optional(),
});
export type JobInput = z.infer<typeof jobInputSchema>;

export const jobParams = z.object({ jobId: z.string().min(1).max(100) });
/** The answer of an operation that starts a job (202). */
export const jobStartedSchema = z.object({ job: jobSchema }).meta({ id: 'JobStarted' });
