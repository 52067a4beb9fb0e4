import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { invitationLinkSchema } from '../../../contract/waves.js';
import { relationshipSchema } from '../../../domain/questionnaire-schema.js';
import { auditActions, waveScopeSchema, waveSettingsSchema, waveStatusSchema, type Agency, type AuditEvent, type Employee, type Invitation, type Ticket, type Unit, type Wave } from '../../../domain/schema.js';
import { ceremonySchema, groupSharesSchema } from '../../../domain/sealing/schema.js';
import type { GroupKey, InvitationLink, OpenedGroup, SealedResponse, StoredTally, WaveSeal } from '../port.js';
import { jsonText, openedSums, storedBytes, storedShape } from '../stored-shape.js';
import type { CoverageSnapshots } from './coverage-snapshot.js';

/*
 * What every part of the Firestore adapter shares: its context, the collections, document ids,
 * and the mappers from documents to domain objects, each checked against the shape it is stored in
 * (stored-shape.ts); extra fields, such as an invitation's counts, are dropped.
 */

export type { Data } from './batches.js';
import type { CommitOptions, Data, StoreWrite } from './batches.js';
import type { LaunchTiming } from './launch-lease.js';
import type { RampLimiter } from './ramp.js';

/** The adapter's context, passed to each concern's functions. */
export interface Fs {
  db: Firestore;
  /** Commits writes in batches under the ramp (batches.ts); not atomic as a whole. */
  commit(writes: readonly StoreWrite[], options?: CommitOptions): Promise<void>;
  /** A new 500/50/5 ramp for one piece of work (ramp.ts); none in tests that do not limit. */
  ramp?: () => RampLimiter;
  /** The clock and lease length of launches (launch-lease.ts). */
  launch: LaunchTiming;
  coverage: CoverageSnapshots;
  /** Orders audit events appended in the same millisecond. */
  audit: { seq: number };
  /** Each agency's units as of its `unitsVersion` (agencies.ts). */
  units: Map<string, { version: number; units: Unit[] }>;
}

/** Whether an error is Firestore's refusal to create a document that exists (gRPC ALREADY_EXISTS). */
export const alreadyExists = (error: unknown) => (error as { code?: unknown }).code === 6;

/** Creates the document unless it exists: true for the one caller that created it (on the emulator too). */
export async function createOnce(ref: DocumentReference, data: Data): Promise<boolean> {
  try {
    await ref.create(data);
    return true;
  } catch (error) {
    if (alreadyExists(error)) return false;
    throw error;
  }
}

export const agenciesCol = (db: Firestore) => db.collection('agencies');
export const wavesCol = (db: Firestore) => db.collection('waves');
export const invitationsCol = (db: Firestore) => db.collection('invitations');
export const ticketsCol = (db: Firestore) => db.collection('tickets');
export const responsesCol = (db: Firestore) => db.collection('responses');
export const ceremoniesCol = (db: Firestore) => db.collection('ceremonies');
export const groupDoc = (g: GroupKey) => `${g.rateeNip}_${g.relationship}`;
/** A ticket's document id starts with a letter: ids of the form `__…__` are Firestore's own, and refused. */
export const ticketRef = (db: Firestore, invitationId: string, ticketId: string) => ticketsCol(db).doc(`t${invitationId}_${ticketId}`);

/** Ascending by a text key: the order both adapters return lists in. */
export const byText =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

const mapper = <S extends z.ZodType>(collection: string, schema: S) => storedShape(collection, 'document', schema);
const bytes = storedBytes;

const text = z.string();
const maybe = z.string().nullable().default(null);

export const toAgency = mapper('agencies', z.object({ id: text, name: text, createdAt: text }).transform((d): Agency => d));
export const toEmployee = mapper(
  'employees',
  z
    .object({ nip: text, agencyId: text, name: text, unitId: text, position: text, supervisorNip: maybe, email: maybe, phone: maybe, active: z.boolean() })
    .transform((d): Employee => d),
);
const unitDoc = mapper('units', z.object({ id: text, name: text, parentId: text.nullable(), path: z.array(text) }));
/** Units are stored under their agency, without its id. */
export const toUnit = (data: unknown, agencyId: string): Unit => ({ ...unitDoc(data), agencyId });
export const toWave = mapper(
  'waves',
  z
    .object({
      id: text,
      agencyId: text,
      name: text,
      questionnaireVersion: text,
      status: waveStatusSchema,
      scope: waveScopeSchema,
      opensAt: maybe,
      closesAt: text,
      settings: waveSettingsSchema,
      planSeed: z.int(),
      createdAt: text,
      launchedAt: maybe,
      closedAt: maybe,
    })
    .transform((d): Wave => d),
);
export const toInvitation = mapper('invitations', z.object({ id: text, waveId: text, agencyId: text, raterNip: text, codeHash: text }).transform((d): Invitation => d));
export const toTicket = mapper(
  'tickets',
  z.object({ id: text, invitationId: text, waveId: text, rateeNip: text, relationship: relationshipSchema }).transform((d): Ticket => d),
);
export const toAuditEvent = mapper(
  'auditEvents',
  z
    .object({
      id: text,
      agencyId: text,
      waveId: maybe,
      actor: z.object({ uid: text, email: maybe }),
      action: z.enum(auditActions),
      at: text,
      details: z.record(z.string(), z.unknown()).default({}),
    })
    .transform((d): AuditEvent => d),
);
export const toCeremony = mapper('ceremonies', ceremonySchema);
export const toShares = mapper('decryptionShares', z.object({ trusteeIndex: z.int(), body: jsonText(groupSharesSchema) }));
export const toLinks: (data: unknown) => InvitationLink[] = mapper('links', z.object({ links: z.array(invitationLinkSchema) }).transform((d) => d.links));
export const toWaveSeal: (data: unknown) => WaveSeal | null = mapper(
  'waves',
  z.object({ seal: z.object({ ceremonyId: z.string(), jointKey: z.string() }).optional() }).transform((d) => d.seal ?? null),
);

export const toSealedResponse = mapper(
  'responses',
  z
    .object({ id: z.string(), rateeNip: z.string(), rateeUnitId: z.string(), relationship: relationshipSchema, questionnaireVersion: z.string(), sealed: bytes })
    .transform((d): SealedResponse => d),
);

export const toStoredTally = mapper(
  'tallies',
  z
    .object({ rateeNip: z.string(), relationship: relationshipSchema, rateeUnitId: z.string(), responses: z.int().min(0), sealed: bytes })
    .transform((d): StoredTally => d),
);

export const toOpenedGroup = mapper(
  'opened',
  z
    .object({
      rateeNip: z.string(),
      relationship: relationshipSchema,
      counts: z.array(z.int()).optional(),
      sums: openedSums.optional(),
    })
    .transform(
      (d): OpenedGroup => ({
        rateeNip: d.rateeNip,
        relationship: d.relationship,
        counts: d.counts ?? null,
        sums: d.sums ?? null,
      }),
    ),
);
