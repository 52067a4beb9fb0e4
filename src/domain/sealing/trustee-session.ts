import { questionnaires } from '../questionnaire.js';
import { secretShare, verificationKey, type TrusteeSecret } from './ceremony.js';
import { paramsOf } from './ceremony-state.js';
import { SmallLogs } from './elgamal.js';
import { decodeBytes, sealingReady, type Scalar } from './group.js';
import { OpeningSession, trusteeShares, type TrusteeKey } from './opening.js';
import type { z } from 'zod';
import { openingPackageSchema, openingStatusSchema, sharesAcceptedSchema, sharesPerUpload, type Ceremony, type GroupShares, type Phase } from './schema.js';

/*
 * A trustee's side of opening, over a transport given by the caller (the trustee's Web Worker
 * calls the API with fetch; tests call the app): download a phase's groups page by page, make
 * shares by the trustee's own rules (opening.ts), upload them. The I/O is the caller's.
 */

/** One API call whose answer the transport parses with the contract's schema of it. */
export type Call = <S extends z.ZodType>(method: string, path: string, schema: S, payload?: unknown) => Promise<z.output<S>>;

/** The trustee's key as its browser derives it from its secret and the ceremony's public record. */
export function trusteeKey(ceremony: Ceremony, t: { index: number; secret: TrusteeSecret }): TrusteeKey {
  const params = paramsOf(ceremony);
  const share: Scalar = secretShare(params, t.secret, ceremony.commitments, ceremony.shares);
  return { index: t.index, share, verificationKeys: new Map(ceremony.trustees.map((x) => [x.index, verificationKey(params, ceremony.commitments, x.index)])) };
}

/** One trustee's part of one phase: download every page, make shares by the trustee's rules, upload. */
export async function trusteeOpensPhase(
  call: Call,
  ceremony: Ceremony,
  t: { index: number; secret: TrusteeSecret },
  waveId: string,
  phase: Phase,
  onProgress?: (done: number, total: number) => void,
  key: TrusteeKey = trusteeKey(ceremony, t),
  session: OpeningSession = new OpeningSession(),
) {
  await sealingReady();
  const status = await call('GET', `/api/waves/${waveId}/opening`, openingStatusSchema);
  const questionnaire = questionnaires[status.questionnaireVersion];
  if (!questionnaire) throw new Error(`unknown questionnaire ${status.questionnaireVersion}`);
  const rules = { params: paramsOf(ceremony), waveId, k: status.k, questionnaire };
  const logs = new SmallLogs();
  let offset: number | null = 0;
  const made: GroupShares[] = [];
  while (offset !== null) {
    const page: z.output<typeof openingPackageSchema> = await call('GET', `/api/waves/${waveId}/opening/${phase}/groups?offset=${offset}&limit=200`, openingPackageSchema);
    const groups = page.groups.map((g) => ({ ...g, responses: g.responses.map((r) => decodeBytes(r)) }));
    const before = offset;
    made.push(...trusteeShares(rules, phase, key, groups, logs, (done) => onProgress?.(before + done, page.total * 2), session));
    offset = page.next;
  }
  for (let i = 0; i < made.length; i += sharesPerUpload) {
    await call('POST', `/api/waves/${waveId}/opening/${phase}/shares`, sharesAcceptedSchema, { groups: made.slice(i, i + sharesPerUpload) });
    onProgress?.(made.length + Math.min(i + sharesPerUpload, made.length), made.length * 2);
  }
  return made;
}

