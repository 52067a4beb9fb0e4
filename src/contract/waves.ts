import { z } from 'zod';
import { relationshipSchema } from '../domain/questionnaire-schema.js';
import { storedNipSchema } from '../domain/nip.js';
import { waveSchema } from '../domain/schema.js';

/* The waves API's shapes: one schema each, for the routes, the OpenAPI document and the SPA. */

/** A wave as the API shows it: with what respondents see right now, and whether links wait. */
export const waveViewSchema = waveSchema.extend({ phase: z.enum(['draft', 'scheduled', 'open', 'closed']), linksAvailable: z.boolean() }).meta({ id: 'WaveView' });
export type WaveView = z.infer<typeof waveViewSchema>;

const histogramSchema = z.record(z.string(), z.int());
/** What a coordinator checks before launch: the plan's size and who cannot reach k. */
export const planPreviewSchema = z
  .object({
    planHash: z.string(),
    ratees: z.int(),
    raters: z.int(),
    assignments: z.int(),
    byRelationship: z.record(relationshipSchema, z.int()),
    ratersPerRatee: histogramSchema,
    ratingsPerRater: histogramSchema,
    shortfallCount: z.int(),
    shortfalls: z.array(
      z.object({
        nip: z.string(),
        name: z.string(),
        unit: z.string(),
        relationship: z.enum(['peer', 'subordinate', 'superior']),
        got: z.int(),
        needed: z.int(),
        reason: z.enum(['setting_below_k', 'no_candidates', 'too_few_candidates', 'rater_cap', 'few_direct_reports']),
      }),
    ),
  })
  .meta({ id: 'WavePlanPreview' });

/** One rater's link, in the list a coordinator downloads once after launch. */
export const invitationLinkSchema = z
  .object({
    nip: z.string(),
    name: z.string(),
    unitPath: z.array(z.string()),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    code: z.string(),
  })
  .meta({ id: 'InvitationLink' });
export type PlanPreview = z.infer<typeof planPreviewSchema>;
export type InvitationLink = z.infer<typeof invitationLinkSchema>;

/** The agency's waves, newest first, each as the API shows it. */
export const waveListSchema = z.object({ waves: z.array(waveViewSchema) }).meta({ id: 'WaveList' });

/** Launch: the plan the coordinator previewed, by its hash, so what launches is what they saw. */
export const launchRequestSchema = z.object({ planHash: z.string().min(1) }).strict().meta({ id: 'LaunchRequest' });
export const launchResultSchema = z.object({ wave: waveSchema, invitations: z.int(), tickets: z.int() }).meta({ id: 'LaunchResult' });
export type LaunchResult = z.infer<typeof launchResultSchema>;

/**
 * The link list, read page by page (`next` is the page after this one, null at the end) until the
 * coordinator's file is built, then dropped by a confirmation: a lost answer loses no code.
 */
export const linkPageQuerySchema = z.object({ page: z.coerce.number().int().min(0).max(100_000).default(0) });
export const linkPageSchema = z.object({ links: z.array(invitationLinkSchema), total: z.int(), next: z.int().nullable() }).meta({ id: 'InvitationLinkPage' });
export type LinkPage = z.infer<typeof linkPageSchema>;
export const linksConfirmedSchema = z.object({ links: z.int() }).meta({ id: 'LinksConfirmed' });
export type LinksConfirmed = z.infer<typeof linksConfirmedSchema>;

/** A new link for one rater. */
export const reissueRequestSchema = z.object({ nip: storedNipSchema }).strict().meta({ id: 'ReissueRequest' });
export const reissueResultSchema = z.object({ link: invitationLinkSchema, movedTickets: z.int() }).meta({ id: 'ReissueResult' });
export type ReissueResult = z.infer<typeof reissueResultSchema>;
