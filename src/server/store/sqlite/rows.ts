import { z } from 'zod';
import { relationshipSchema } from '../../../domain/questionnaire-schema.js';
import { auditActions, waveScopeSchema, waveSettingsSchema, waveStatusSchema, type Agency, type AuditEvent, type Employee, type Invitation, type Ticket, type Unit, type Wave } from '../../../domain/schema.js';
import { ceremonySchema, groupSharesSchema, type Ceremony, type GroupShares } from '../../../domain/sealing/schema.js';
import { invitationLinkSchema } from '../../../contract/waves.js';
import { jsonText, openedSums, storedBytes, storedShape } from '../stored-shape.js';
import type { InvitationLink, OpenedGroup, SealedResponse, StoredTally, WaveSeal } from '../port.js';

/* Rows to domain objects, each checked against the shape its table promises (stored-shape.ts). */

const text = z.string();
const maybe = z.string().nullable();
const json = jsonText;
const bytes = storedBytes;
const mapper = <S extends z.ZodType>(table: string, schema: S) => storedShape(table, 'row', schema);

/** A JSON column read on its own (pluck), checked the same way. */
function body<S extends z.ZodType>(table: string, schema: S): (text: string) => z.output<S> {
  const check = mapper(table, json(schema));
  return (text) => check(text);
}

export const ceremonyBody: (text: string) => Ceremony = body('ceremonies', ceremonySchema);
export const toLinks: (text: string) => InvitationLink[] = body('link_batches', z.array(invitationLinkSchema));
export const sharesBody: (text: string) => GroupShares = body('decryption_shares', groupSharesSchema);

export const toWaveSeal = mapper(
  'wave_seals',
  z.object({ ceremony_id: text, joint_key: text }).transform((r): WaveSeal => ({ ceremonyId: r.ceremony_id, jointKey: r.joint_key })),
);

export const toAgency = mapper(
  'agencies',
  z.object({ id: text, name: text, created_at: text }).transform((r): Agency => ({ id: r.id, name: r.name, createdAt: r.created_at })),
);

export const toUnit = mapper(
  'units',
  z
    .object({ id: text, agency_id: text, name: text, parent_id: maybe, path: json(z.array(z.string())) })
    .transform((r): Unit => ({ id: r.id, agencyId: r.agency_id, name: r.name, parentId: r.parent_id, path: r.path })),
);

export const toEmployee = mapper(
  'employees',
  z
    .object({
      nip: text,
      agency_id: text,
      name: text,
      unit_id: text,
      position: text,
      supervisor_nip: maybe,
      email: maybe,
      phone: maybe,
      active: z.union([z.literal(0), z.literal(1)]),
    })
    .transform(
      (r): Employee => ({
        nip: r.nip,
        agencyId: r.agency_id,
        name: r.name,
        unitId: r.unit_id,
        position: r.position,
        supervisorNip: r.supervisor_nip,
        email: r.email,
        phone: r.phone,
        active: r.active === 1,
      }),
    ),
);

export const toAuditEvent = mapper(
  'audit_events',
  z
    .object({ id: text, agency_id: text, wave_id: maybe, actor_uid: text, actor_email: maybe, action: z.enum(auditActions), at: text, details: json(z.record(z.string(), z.unknown())) })
    .transform(
      (r): AuditEvent => ({ id: r.id, agencyId: r.agency_id, waveId: r.wave_id, actor: { uid: r.actor_uid, email: r.actor_email }, action: r.action, at: r.at, details: r.details }),
    ),
);

export const toWave = mapper(
  'waves',
  z
    .object({
      id: text,
      agency_id: text,
      name: text,
      questionnaire_version: text,
      status: waveStatusSchema,
      scope: json(waveScopeSchema),
      opens_at: maybe,
      closes_at: text,
      settings: json(waveSettingsSchema),
      plan_seed: z.int(),
      created_at: text,
      launched_at: maybe,
      closed_at: maybe,
    })
    .transform(
      (r): Wave => ({
        id: r.id,
        agencyId: r.agency_id,
        name: r.name,
        questionnaireVersion: r.questionnaire_version,
        status: r.status,
        scope: r.scope,
        opensAt: r.opens_at,
        closesAt: r.closes_at,
        settings: r.settings,
        planSeed: r.plan_seed,
        createdAt: r.created_at,
        launchedAt: r.launched_at,
        closedAt: r.closed_at,
      }),
    ),
);

/** The named parameters of a wave's row, for INSERT and UPDATE. */
export const waveParams = (w: Wave) => ({
  id: w.id,
  agency_id: w.agencyId,
  name: w.name,
  questionnaire_version: w.questionnaireVersion,
  status: w.status,
  scope: JSON.stringify(w.scope),
  opens_at: w.opensAt,
  closes_at: w.closesAt,
  settings: JSON.stringify(w.settings),
  plan_seed: w.planSeed,
  created_at: w.createdAt,
  launched_at: w.launchedAt,
  closed_at: w.closedAt,
});

export const toInvitation = mapper(
  'invitations',
  z
    .object({ id: text, wave_id: text, agency_id: text, rater_nip: text, code_hash: text })
    .transform((r): Invitation => ({ id: r.id, waveId: r.wave_id, agencyId: r.agency_id, raterNip: r.rater_nip, codeHash: r.code_hash })),
);

export const toTicket = mapper(
  'tickets',
  z
    .object({ id: text, invitation_id: text, wave_id: text, ratee_nip: text, relationship: relationshipSchema })
    .transform((r): Ticket => ({ id: r.id, invitationId: r.invitation_id, waveId: r.wave_id, rateeNip: r.ratee_nip, relationship: r.relationship })),
);

export const toSealedResponse = mapper(
  'responses',
  z
    .object({ id: text, ratee_nip: text, ratee_unit_id: text, relationship: relationshipSchema, questionnaire_version: text, sealed: bytes })
    .transform(
      (r): SealedResponse => ({
        id: r.id,
        rateeNip: r.ratee_nip,
        rateeUnitId: r.ratee_unit_id,
        relationship: r.relationship,
        questionnaireVersion: r.questionnaire_version,
        sealed: r.sealed,
      }),
    ),
);

export const toStoredTally = mapper(
  'tallies',
  z
    .object({ ratee_nip: text, relationship: relationshipSchema, ratee_unit_id: text, responses: z.int().min(0), sealed: bytes })
    .transform((r): StoredTally => ({ rateeNip: r.ratee_nip, relationship: r.relationship, rateeUnitId: r.ratee_unit_id, responses: r.responses, sealed: r.sealed })),
);

export const toOpenedGroup = mapper(
  'opened_groups',
  z
    .object({
      ratee_nip: text,
      relationship: relationshipSchema,
      counts: json(z.array(z.int())).nullable(),
      sums: openedSums.nullable(),
    })
    .transform(
      (r): OpenedGroup => ({
        rateeNip: r.ratee_nip,
        relationship: r.relationship,
        counts: r.counts,
        sums: r.sums,
      }),
    ),
);
