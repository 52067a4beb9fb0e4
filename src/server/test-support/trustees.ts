import type { Hono } from 'hono';
import { confirmShare, dealShares, secretShare, startTrustee, type TrusteeSecret } from '../../domain/sealing/ceremony.js';
import { paramsOf } from '../../domain/sealing/ceremony-state.js';
import { sealingReady } from '../../domain/sealing/group.js';
import type { Ceremony, Phase } from '../../domain/sealing/schema.js';
import { trusteeOpensPhase } from '../../domain/sealing/trustee-session.js';
import { body, jsonHeaders } from './api.js';
export { trusteeKey } from '../../domain/sealing/trustee-session.js';
import { signInStaff } from './staff.js';

/*
 * What trustees' browsers do, run here with the same domain code, through the real API: tests use
 * it to hold a ceremony and to open a closed wave.
 */

export interface Trustee {
  token: string;
  uid: string;
  email: string;
  index: number;
  secret: TrusteeSecret;
}

type App = Pick<Hono, 'request'>;

const call = async (app: App, token: string, method: string, path: string, payload?: unknown) => {
  const res = await app.request(path, { method, headers: jsonHeaders(token), body: payload === undefined ? undefined : JSON.stringify(payload) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return body(res);
};

/** Three trustee accounts hold a complete 2-of-3 ceremony for the agency, started by `organiserToken`. */
export async function holdCeremony(app: App, organiserToken: string, agencyId: string, options: { n?: number; quorum?: number } = {}) {
  await sealingReady();
  const n = options.n ?? 3;
  const accounts = await Promise.all(Array.from({ length: n }, () => signInStaff({ trustee: true, agencies: [agencyId] })));
  let ceremony = (await call(app, organiserToken, 'POST', `/api/agencies/${agencyId}/ceremonies`, {
    label: 'Kunci 2026',
    quorum: options.quorum ?? 2,
    trustees: accounts.map((a) => a.email),
  })) as unknown as Ceremony;
  const params = paramsOf(ceremony);
  const trustees: Trustee[] = [];
  for (const [i, a] of accounts.entries()) {
    const { secret, commitment } = startTrustee(params, i + 1);
    ceremony = (await call(app, a.token, 'POST', `/api/ceremonies/${ceremony.id}/commitment`, commitment)) as unknown as Ceremony;
    trustees.push({ ...a, index: i + 1, secret });
  }
  for (const t of trustees) {
    ceremony = (await call(app, t.token, 'POST', `/api/ceremonies/${ceremony.id}/shares`, { shares: dealShares(params, t.secret, ceremony.commitments) })) as unknown as Ceremony;
  }
  for (const t of trustees) {
    const share = secretShare(params, t.secret, ceremony.commitments, ceremony.shares);
    ceremony = (await call(app, t.token, 'POST', `/api/ceremonies/${ceremony.id}/confirmation`, confirmShare(params, ceremony.commitments, t.index, share))) as unknown as Ceremony;
  }
  return { ceremony, trustees };
}

/** One trustee's part of one phase through the app. */
export function openPhase(app: App, ceremony: Ceremony, t: Pick<Trustee, 'index' | 'secret' | 'token'>, waveId: string, phase: Phase) {
  return trusteeOpensPhase(async (method, path, schema, payload) => schema.parse(await call(app, t.token, method, path, payload)), ceremony, t, waveId, phase);
}

/** Both phases with the given trustees, in the order a real opening takes. */
export async function openWave(app: App, ceremony: Ceremony, trustees: readonly Pick<Trustee, 'index' | 'secret' | 'token'>[], waveId: string) {
  for (const t of trustees) await openPhase(app, ceremony, t, waveId, 'counts');
  for (const t of trustees) await openPhase(app, ceremony, t, waveId, 'sums');
}
