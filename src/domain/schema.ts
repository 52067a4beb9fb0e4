import { z } from 'zod';
import { bilingual } from './bilingual.js';
import { storedNipSchema } from './nip.js';
import { relationshipSchema } from './questionnaire-schema.js';

/** Entity schemas: the single source of truth for types, validation and the OpenAPI document. */

export const roles = ['admin', 'coordinator', 'auditor'] as const;
export const roleSchema = z.enum(roles).meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;

export const agencyIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and dashes, 1-40 characters')
  .meta({ id: 'AgencyId', example: 'kab-contoh' });

export const staffClaimsSchema = z
  .object({
    role: roleSchema.optional(),
    /** The trustee capability: a seat in the key ceremonies of `agencies`, whatever the role. */
    trustee: z.boolean().optional(),
    agencies: z.array(agencyIdSchema),
  })
  .meta({ id: 'StaffClaims' });
export type StaffClaims = z.infer<typeof staffClaimsSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

export const agencySchema = z
  .object({ id: agencyIdSchema, name: z.string().min(2).max(200), createdAt: isoDateTime })
  .meta({ id: 'Agency' });
export type Agency = z.infer<typeof agencySchema>;

export const unitSchema = z
  .object({
    id: z.string().min(1),
    agencyId: agencyIdSchema,
    name: z.string().min(1).max(200),
    parentId: z.string().nullable(),
    path: z.array(z.string().min(1)).min(1),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof unitSchema>;

export const employeeSchema = z
  .object({
    nip: storedNipSchema,
    agencyId: agencyIdSchema,
    name: z.string().min(1).max(200),
    unitId: z.string().min(1),
    position: z.string().max(200),
    supervisorNip: storedNipSchema.nullable(),
    email: z.email().nullable(),
    phone: z.string().max(40).nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Employee' });
export type Employee = z.infer<typeof employeeSchema>;

export const waveStatusSchema = z.enum(['draft', 'open', 'closed']).meta({ id: 'WaveStatus' });

export const waveSettingsSchema = z
  .object({
    includeSelf: z.boolean().default(true),
    includeSuperior: z.boolean().default(true),
    peersPerRatee: z.int().min(0).max(20).default(4),
    subordinatesPerRatee: z.int().min(0).max(20).default(4),
    maxRatingsPerRater: z.int().min(1).max(50).default(10),
    // At least 3: with k = 2 one colluding peer computes the other's answers exactly.
    anonymityThreshold: z.int().min(3).max(20).default(3),
    groupWeights: z
      .object({ superior: z.number().min(0).max(100), peer: z.number().min(0).max(100), subordinate: z.number().min(0).max(100) })
      .refine((w) => w.peer + w.subordinate > 0, {
        message: bilingual(
          'Bobot rekan kerja atau bawahan harus lebih dari 0: indeks selalu bertumpu pada penilai anonim.',
          'Peers or subordinates need a weight above 0: the index always rests on anonymous raters.',
        ),
      })
      .default({ superior: 1, peer: 1, subordinate: 1 }),
    /** Waves with the same round (e.g. "Nasional 2026") are ranked together. */
    round: z.string().trim().max(60).nullable().default(null),
  })
  .meta({ id: 'WaveSettings' });
export type WaveSettings = z.infer<typeof waveSettingsSchema>;

export const waveScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('units'), unitIds: z.array(z.string().min(1)).min(1) }),
  ])
  .meta({ id: 'WaveScope' });

export const waveSchema = z
  .object({
    id: z.string().min(1),
    agencyId: agencyIdSchema,
    name: z.string().min(1).max(200),
    questionnaireVersion: z.string(),
    status: waveStatusSchema,
    scope: waveScopeSchema,
    opensAt: isoDateTime.nullable(),
    closesAt: isoDateTime,
    settings: waveSettingsSchema,
    /** Seeds the assignment plan, so the preview is exactly what launches. */
    planSeed: z.int().min(0),
    createdAt: isoDateTime,
    launchedAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Wave' });
export type Wave = z.infer<typeof waveSchema>;

/** One per rater per wave; only the hash of the rater's code is ever stored. */
export const invitationSchema = z
  .object({ id: z.string(), waveId: z.string(), agencyId: agencyIdSchema, raterNip: storedNipSchema, codeHash: z.string() })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;

/** One (rater -> ratee, relationship) assignment; deleted when used. */
export const ticketSchema = z
  .object({ id: z.string(), invitationId: z.string(), waveId: z.string(), rateeNip: storedNipSchema, relationship: relationshipSchema })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof ticketSchema>;

export const auditActions = [
  'agency.create',
  'roster.import',
  'wave.create',
  'wave.update',
  'wave.launch',
  'wave.links_download',
  'wave.links_confirm',
  'invitation.reissue',
  'wave.close',
  'wave.verify',
  'wave.non_responders',
  'results.ratee_report',
  'ceremony.create',
  'ceremony.commit',
  'ceremony.share',
  'ceremony.confirm',
  'ceremony.fail',
  'opening.shares',
] as const;

export const auditEventSchema = z
  .object({
    id: z.string(),
    agencyId: agencyIdSchema,
    waveId: z.string().nullable(),
    actor: z.object({ uid: z.string(), email: z.string().nullable() }),
    action: z.enum(auditActions),
    at: isoDateTime,
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;
