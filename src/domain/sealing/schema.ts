import { z } from 'zod';
import { relationshipSchema } from '../questionnaire-schema.js';
import { agencyIdSchema } from '../schema.js';

/*
 * The wire shapes of the key ceremony and of opening results: the single source for the API's
 * validation, the OpenAPI document and the SPA's calls. Points and scalars are base64url of their
 * 32 bytes; libsodium decodes (and so validates) them where they are used.
 */

const b64 = (bytes: number) => z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`), `${bytes} bytes, base64url`);
export const pointSchema = b64(32).meta({ id: 'Point', description: 'A ristretto255 point, base64url of its canonical 32 bytes.' });
export const scalarSchema = b64(32);
export const proofSchema = z.object({ c: scalarSchema, v: scalarSchema }).strict().meta({ id: 'Proof', description: 'Fiat–Shamir challenge and response.' });
export type Proof = z.infer<typeof proofSchema>;

export const trusteeIndexSchema = z.int().min(1).max(9);

export const trusteeCommitmentSchema = z
  .object({
    index: trusteeIndexSchema,
    commitments: z.array(pointSchema).min(1).max(9),
    commitmentProofs: z.array(proofSchema).min(1).max(9),
    commKey: pointSchema,
    commKeyProof: proofSchema,
  })
  .strict()
  .meta({ id: 'TrusteeCommitment' });
/** Round 1, public: Kᵢⱼ = aᵢⱼ·G with proofs, and the communication key Eᵢ = eᵢ·G. */
export type TrusteeCommitment = z.infer<typeof trusteeCommitmentSchema>;

export const encryptedShareSchema = z
  .object({
    from: trusteeIndexSchema,
    to: trusteeIndexSchema,
    ephemeral: pointSchema,
    nonce: b64(24),
    // 32-byte scalar + 16-byte tag.
    ciphertext: b64(48),
  })
  .strict()
  .meta({ id: 'EncryptedShare' });
/** Round 2: Pᵢ(ℓ) for trustee ℓ, readable only with ℓ's communication secret. */
export type EncryptedShare = z.infer<typeof encryptedShareSchema>;

export const shareConfirmationSchema = z.object({ index: trusteeIndexSchema, proof: proofSchema }).strict().meta({ id: 'ShareConfirmation' });
/** Round 3: trustee ℓ checked every share it received and proves it knows sℓ. */
export type ShareConfirmation = z.infer<typeof shareConfirmationSchema>;

export const ceremonyStatusSchema = z.enum(['committing', 'sharing', 'confirming', 'complete', 'failed']).meta({ id: 'CeremonyStatus' });
export type CeremonyStatus = z.infer<typeof ceremonyStatusSchema>;

export const ceremonyTrusteeSchema = z.object({ index: trusteeIndexSchema, uid: z.string(), email: z.string().nullable() });

export const ceremonySchema = z
  .object({
    id: z.string(),
    agencyId: agencyIdSchema,
    label: z.string(),
    quorum: z.int(),
    trustees: z.array(ceremonyTrusteeSchema),
    status: ceremonyStatusSchema,
    commitments: z.array(trusteeCommitmentSchema),
    shares: z.array(encryptedShareSchema),
    confirmations: z.array(shareConfirmationSchema),
    /** Set when a trustee found a share that does not check out: the ceremony cannot complete. */
    failure: z.object({ by: trusteeIndexSchema, against: trusteeIndexSchema.nullable(), reason: z.string() }).nullable(),
    /** K, once every trustee has confirmed. */
    jointKey: pointSchema.nullable(),
    createdAt: z.string(),
    createdBy: z.object({ uid: z.string(), email: z.string().nullable() }),
    /** Bumped on every change: a step is stored only over the version it was made against. */
    version: z.int(),
  })
  .meta({ id: 'Ceremony' });
export type Ceremony = z.infer<typeof ceremonySchema>;

export const createCeremonySchema = z
  .object({
    label: z.string().trim().min(1).max(80),
    quorum: z.int().min(2).max(9).default(2),
    /** The trustees' staff e-mail addresses, in seat order. */
    trustees: z.array(z.email()).min(2).max(9),
  })
  .strict()
  .refine((v) => v.quorum <= v.trustees.length, { message: 'quorum', path: ['quorum'] })
  .refine((v) => new Set(v.trustees.map((e) => e.toLowerCase())).size === v.trustees.length, { message: 'duplicate', path: ['trustees'] })
  .meta({ id: 'CreateCeremony' });

export const submitSharesSchema = z.object({ shares: z.array(encryptedShareSchema).min(1).max(8) }).strict().meta({ id: 'SubmitCeremonyShares' });

export const ceremonyComplaintSchema = z
  .object({ against: trusteeIndexSchema.nullable(), reason: z.string().max(300) })
  .strict()
  .meta({ id: 'CeremonyComplaint' });

export const phaseSchema = z.enum(['counts', 'sums']).meta({ id: 'OpeningPhase' });
export type Phase = z.infer<typeof phaseSchema>;

export const groupSharesSchema = z
  .object({
    rateeNip: z.string().regex(/^\d{18}$/),
    relationship: relationshipSchema,
    slots: z.array(z.int().min(0).max(31)).min(1).max(32),
    shares: z.array(pointSchema).min(1).max(32),
    proof: proofSchema,
  })
  .strict()
  .meta({ id: 'GroupShares' });
/** A trustee's decryption shares for some slots of one group's tally, with one batched proof. */
export type GroupShares = z.infer<typeof groupSharesSchema>;

/** At most 100 groups (about 50 KB) per request, well inside the API's body limit. */
export const sharesPerUpload = 100;
export const submitDecryptionSharesSchema = z.object({ groups: z.array(groupSharesSchema).min(1).max(sharesPerUpload) }).strict().meta({ id: 'SubmitDecryptionShares' });

/** What a trustee's browser downloads for one group: the α of each slot it may open, per response. */
export const openingGroupSchema = z
  .object({
    rateeNip: z.string(),
    relationship: relationshipSchema,
    /** Per response, its sealed row in base64url (every slot, α and β). */
    responses: z.array(z.string()),
    countShares: z.array(z.object({ index: trusteeIndexSchema, shares: groupSharesSchema })).optional(),
  })
  .meta({ id: 'OpeningGroup' });

/** One page of a phase's package, and where the next starts (null: the last page). */
export const openingPackageSchema = z.object({ total: z.int(), next: z.int().nullable(), groups: z.array(openingGroupSchema) }).meta({ id: 'OpeningPackage' });

/** What an upload of decryption shares stored, and how many groups it completed. */
export const sharesAcceptedSchema = z.object({ accepted: z.int(), opened: z.int() }).meta({ id: 'SharesAccepted' });

export const openingStatusSchema = z
  .object({
    waveId: z.string(),
    ceremonyId: z.string(),
    quorum: z.int(),
    k: z.int(),
    questionnaireVersion: z.string(),
    trustees: z.array(
      z.object({ index: trusteeIndexSchema, email: z.string().nullable(), counts: z.boolean(), sums: z.boolean() }),
    ),
    phases: z.object({
      counts: z.object({ groups: z.int(), opened: z.int() }),
      sums: z.object({ groups: z.int(), opened: z.int() }),
    }),
    /** Every group that may be opened is: results can be read. */
    done: z.boolean(),
  })
  .meta({ id: 'OpeningStatus' });
export type OpeningStatus = z.infer<typeof openingStatusSchema>;
