/// <reference lib="webworker" />
import { ceremonyView, confirmShare, dealShares, secretShare, startTrustee, verifyConfirmation, viewFingerprint, type CeremonyParams } from '../../../domain/sealing/ceremony.js';
import { paramsOf } from '../../../domain/sealing/ceremony-state.js';
import { SealingError, sealingReady } from '../../../domain/sealing/group.js';
import { openKeyFile, sealKeyFile, type KeyFile } from '../../../domain/sealing/key-file.js';
import { openingStatusSchema, type Ceremony, type Phase } from '../../../domain/sealing/schema.js';
import { OpeningSession } from '../../../domain/sealing/opening.js';
import { trusteeKey, trusteeOpensPhase, type Call } from '../../../domain/sealing/trustee-session.js';
import { apiRequest, ApiRequestError } from '../../lib/api-client.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/*
 * Everything a trustee's secret touches runs here, off the page: making the key file, opening it
 * with the passphrase, the ceremony's steps and the decryption shares. The page gets back only
 * public values, the sealed key file, progress and error codes; never a secret or the passphrase.
 */

const post = (reply: WorkerReply) => self.postMessage(reply);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function open(keyFile: KeyFile, passphrase: string, ceremony: Ceremony) {
  const { secret } = openKeyFile(keyFile, passphrase);
  if (secret.ceremonyId !== ceremony.id) throw new SealingError('invalid_key_file', 'this key file belongs to another ceremony');
  return secret;
}

async function handle(request: WorkerRequest): Promise<void> {
  await sealingReady();
  switch (request.kind) {
    case 'fingerprint':
      return post({ kind: 'fingerprint', fingerprint: viewFingerprint(ceremonyView(paramsOf(request.ceremony), request.ceremony.commitments)) });
    case 'commit': {
      const params: CeremonyParams = paramsOf(request.ceremony);
      const { secret, commitment } = startTrustee(params, request.index);
      const keyFile = sealKeyFile(secret, { agencyId: request.ceremony.agencyId, publicKey: commitment.commitments[0]! }, request.passphrase);
      return post({ kind: 'committed', commitment, keyFile });
    }
    case 'share': {
      const secret = open(request.keyFile, request.passphrase, request.ceremony);
      return post({ kind: 'shares', shares: dealShares(paramsOf(request.ceremony), secret, request.ceremony.commitments) });
    }
    case 'confirm': {
      const secret = open(request.keyFile, request.passphrase, request.ceremony);
      // Those who confirmed before saw the same ceremony as this browser, or a key was swapped.
      if (!request.ceremony.confirmations.every((c) => verifyConfirmation(paramsOf(request.ceremony), request.ceremony.commitments, c))) {
        return post({ kind: 'complaint', against: null });
      }
      try {
        const share = secretShare(paramsOf(request.ceremony), secret, request.ceremony.commitments, request.ceremony.shares);
        return post({ kind: 'confirmation', confirmation: confirmShare(paramsOf(request.ceremony), request.ceremony.commitments, secret.index, share) });
      } catch (error) {
        if (error instanceof SealingError && error.code === 'invalid_share') {
          const against = Number(/trustee (\d+)/.exec(error.message)?.[1]) || null;
          return post({ kind: 'complaint', against });
        }
        throw error;
      }
    }
    case 'open': {
      const secret = open(request.keyFile, request.passphrase, request.ceremony);
      // Every trustee confirmed this very ceremony record, or this browser opens nothing with it.
      const c = request.ceremony;
      if (c.status !== 'complete' || !c.confirmations.every((x) => verifyConfirmation(paramsOf(c), c.commitments, x)) || c.confirmations.length !== c.trustees.length) {
        throw new SealingError('refused', 'the ceremony record does not match what its trustees confirmed');
      }
      const t = { index: secret.index, secret };
      const key = trusteeKey(request.ceremony, t);
      const call: Call = (method, path, schema, body) => apiRequest(path, { method, body, token: request.token, schema });
      // One memory for both phases: a response shown in two groups is refused.
      const session = new OpeningSession();
      for (const phase of ['counts', 'sums'] as Phase[]) {
        for (;;) {
          const status = await call('GET', `/api/waves/${request.waveId}/opening`, openingStatusSchema);
          const mine = status.trustees.find((x) => x.index === t.index);
          if (mine?.[phase]) break;
          // Sums need the counts a quorum opened first: wait for the other trustees, then go on.
          if (phase === 'sums' && status.phases.counts.opened < status.phases.counts.groups) {
            post({ kind: 'waiting', phase });
            await sleep(3000);
            continue;
          }
          await trusteeOpensPhase(call, request.ceremony, t, request.waveId, phase, (done, total) => post({ kind: 'progress', phase, done, total }), key, session);
          break;
        }
      }
      return post({ kind: 'opened' });
    }
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error: unknown) => {
    // Only a code and a message written here go back: never anything of the secret.
    const code = error instanceof SealingError || error instanceof ApiRequestError ? error.code : 'internal';
    post({ kind: 'failed', code: /^[a-z_0-9]+$/.test(code) ? code : 'internal', detail: error instanceof SealingError && error.code === 'refused' ? error.message : undefined });
  });
};
