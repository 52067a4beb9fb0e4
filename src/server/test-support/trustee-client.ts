import { secretShare, verificationKey, type TrusteeSecret } from '../../domain/sealing/ceremony.js';
import { paramsOf } from '../../domain/sealing/ceremony-state.js';
import { SmallLogs } from '../../domain/sealing/elgamal.js';
import { decodeBytes, sealingReady, type Scalar } from '../../domain/sealing/group.js';
import { trusteeShares, type TrusteeKey } from '../../domain/sealing/opening.js';
import { sharesPerUpload, type Ceremony, type GroupShares, type Phase } from '../../domain/sealing/schema.js';
import { questionnaires } from '../../domain/questionnaire.js';

/*
 * A trustee's side of opening over any transport: the API tests call the app, the end-to-end
 * specs the running server. No vitest here, so both can import it.
 */

export type Call = (method: string, path: string, payload?: unknown) => Promise<unknown>;

/** The trustee's key as its browser derives it from its secret and the ceremony's public record. */
export function trusteeKey(ceremony: Ceremony, t: { index: number; secret: TrusteeSecret }): TrusteeKey {
  const params = paramsOf(ceremony);
  const share: Scalar = secretShare(params, t.secret, ceremony.commitments, ceremony.shares);
  return { index: t.index, share, verificationKeys: new Map(ceremony.trustees.map((x) => [x.index, verificationKey(params, ceremony.commitments, x.index)])) };
}

/** One trustee's part of one phase: download every page, make shares by the trustee's rules, upload. */
export async function trusteeOpensPhase(call: Call, ceremony: Ceremony, t: { index: number; secret: TrusteeSecret }, waveId: string, phase: Phase) {
  await sealingReady();
  const status = (await call('GET', `/api/waves/${waveId}/opening`)) as { k: number; questionnaireVersion: string };
  const rules = { params: paramsOf(ceremony), waveId, k: status.k, questionnaire: questionnaires[status.questionnaireVersion]! };
  const key = trusteeKey(ceremony, t);
  const logs = new SmallLogs();
  let offset: number | null = 0;
  const made: GroupShares[] = [];
  while (offset !== null) {
    const page = (await call('GET', `/api/waves/${waveId}/opening/${phase}/groups?offset=${offset}&limit=200`)) as {
      next: number | null;
      groups: { rateeNip: string; relationship: GroupShares['relationship']; responses: string[]; countShares?: { index: number; shares: GroupShares }[] }[];
    };
    const groups = page.groups.map((g) => ({ ...g, responses: g.responses.map((r) => decodeBytes(r)) }));
    made.push(...trusteeShares(rules, phase, key, groups, logs));
    offset = page.next;
  }
  for (let i = 0; i < made.length; i += sharesPerUpload) {
    await call('POST', `/api/waves/${waveId}/opening/${phase}/shares`, { groups: made.slice(i, i + sharesPerUpload) });
  }
  return made;
}

