/**
 * The trustee's computation in a browser page, for bench/sealing.ts: the same domain code the
 * Web Worker runs (trusteeShares), on a package the bench serves as JSON.
 */
import { defaultQuestionnaire } from '../src/domain/questionnaire.js';
import type { CeremonyParams } from '../src/domain/sealing/ceremony.js';
import { SmallLogs } from '../src/domain/sealing/elgamal.js';
import { decodeBytes, decodePoint, decodeScalar, sealingReady } from '../src/domain/sealing/group.js';
import { trusteeShares } from '../src/domain/sealing/opening.js';
import type { GroupShares, Phase } from '../src/domain/sealing/schema.js';

interface Payload {
  rules: { params: CeremonyParams; waveId: string; k: number };
  phase: Phase;
  key: { index: number; share: string; verificationKeys: [number, string][] };
  groups: { rateeNip: string; relationship: GroupShares['relationship']; responses: string[]; countShares?: { index: number; shares: GroupShares }[] }[];
}

const logs = new SmallLogs();

async function runTrustee(file: string): Promise<{ ms: number; shares: GroupShares[] }> {
  const payload = (await (await fetch(file)).json()) as Payload;
  // Timed from here: decoding the responses is part of the trustee's work.
  const started = performance.now();
  const key = { index: payload.key.index, share: decodeScalar(payload.key.share), verificationKeys: new Map(payload.key.verificationKeys.map(([i, v]) => [i, decodePoint(v)])) };
  const groups = payload.groups.map((g) => ({ ...g, responses: g.responses.map((r) => decodeBytes(r)) }));
  const shares = trusteeShares({ ...payload.rules, questionnaire: defaultQuestionnaire }, payload.phase, key, groups, logs);
  return { ms: performance.now() - started, shares };
}

await sealingReady();
Object.assign(window, { runTrustee, ready: true });
