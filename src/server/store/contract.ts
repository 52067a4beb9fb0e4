import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waveSettingsSchema, type Agency, type AuditEvent, type Employee, type Unit, type Wave } from '../../domain/schema.js';
import { newCeremony } from '../../domain/sealing/ceremony-state.js';
import { addSealed } from '../../domain/sealing/elgamal.js';
import { encode, mulBase, randomScalar, type Point } from '../../domain/sealing/group.js';
import { filledAnswers, sealedRow, throwawayKey } from '../test-support/sealed.js';
import { StoreError, type SurveyStore } from './port.js';

/**
 * The behaviour every SurveyStore adapter must have. An adapter's test file calls this with a
 * factory; `reopen` (when the engine is durable) closes the store and opens the same data again.
 */
export interface ContractHarness {
  store: SurveyStore;
  reopen?: () => Promise<SurveyStore>;
}

const agency = (id: string, name = `Instansi ${id}`): Agency => ({ id, name, createdAt: '2026-01-05T08:00:00.000Z' });

const unit = (agencyId: string, path: string[]): Unit => ({
  id: path.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-')).join('.'),
  agencyId,
  name: path[path.length - 1]!,
  parentId: path.length > 1 ? path.slice(0, -1).map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-')).join('.') : null,
  path,
});

const person = (agencyId: string, nip: string, name: string, unitId: string, supervisorNip: string | null = null): Employee => ({
  nip,
  agencyId,
  name,
  unitId,
  position: 'Analis',
  supervisorNip,
  email: `${name.toLowerCase()}@example.test`,
  phone: null,
  active: true,
});

const NIP_A = '198503122010011001';
const NIP_B = '199001012015022002';
const NIP_C = '197712312000031003';

const audit = (id: string, agencyId: string, at: string, waveId: string | null = null): AuditEvent => ({
  id,
  agencyId,
  waveId,
  actor: { uid: 'uid-1', email: 'koordinator@example.test' },
  action: 'roster.import',
  at,
  details: { rows: 3 },
});

const draftWave = (id: string, agencyId: string, createdAt: string): Wave => ({
  id,
  agencyId,
  name: `Gelombang ${id}`,
  questionnaireVersion: 'berakhlak-2021.1',
  status: 'draft',
  scope: { kind: 'all' },
  opensAt: null,
  closesAt: '2026-12-31T10:00:00.000Z',
  settings: waveSettingsSchema.parse({}),
  planSeed: 42,
  createdAt,
  launchedAt: null,
  closedAt: null,
});

const launchOf = (waveId: string) => ({
  waveId,
  launchedAt: '2026-06-01T01:00:00.000Z',
  opensAt: '2026-06-01T01:00:00.000Z',
  invitations: [
    { id: 'inv-a', waveId, agencyId: 'kab-a', raterNip: NIP_A, codeHash: 'hash-a' },
    { id: 'inv-b', waveId, agencyId: 'kab-a', raterNip: NIP_B, codeHash: 'hash-b' },
  ],
  tickets: [
    { id: 't1', invitationId: 'inv-a', waveId, rateeNip: NIP_A, relationship: 'self' as const },
    { id: 't2', invitationId: 'inv-a', waveId, rateeNip: NIP_B, relationship: 'superior' as const },
    { id: 't3', invitationId: 'inv-b', waveId, rateeNip: NIP_A, relationship: 'subordinate' as const },
  ],
  links: [
    { nip: NIP_A, name: 'Ani', unitPath: ['Sekretariat'], email: null, phone: null, code: 'CODEA' },
    { nip: NIP_B, name: 'Budi', unitPath: ['Sekretariat'], email: 'budi@example.test', phone: '0812', code: 'CODEB' },
  ],
  seal: { ceremonyId: 'c1', jointKey: 'joint-key' },
});

// A throwaway key: the store only ever sees sealed bytes, whoever holds the key.
let K: Point;
const row = (fill: 1 | 2 | 3 | 4 | 5 = 4) => sealedRow(K, filledAnswers(fill));
const responseDraft = (id: string, sealed = row()) => ({ id, questionnaireVersion: 'berakhlak-2021.1', sealed, day: '2026-06-02' });

export interface ContractOptions {
  /** The store's backend has no real transactions (the in-memory Firestore emulator): cases that race are skipped. */
  sequentialOnly?: boolean;
}

/** Cases that need real transactions, by name: listed in the test output where they are skipped. */
export const concurrentCases = ['[concurrent] consumes each ticket exactly once when submissions race'] as const;
/** The cases `describeStoreContract` declared as needing real transactions, skipped or run. */
export const declaredConcurrentCases: string[] = [];

export function describeStoreContract(name: string, open: () => Promise<ContractHarness>, options: ContractOptions = {}): void {
  describe(`SurveyStore contract: ${name}`, () => {
    beforeAll(async () => {
      K = await throwawayKey();
    });
    const concurrent = (name: (typeof concurrentCases)[number], fn: () => Promise<void>) => {
      declaredConcurrentCases.push(name);
      (options.sequentialOnly ? it.skip : it)(name, fn);
    };
    let harness: ContractHarness | undefined;
    const start = async () => {
      harness = await open();
      return harness.store;
    };
    afterEach(async () => {
      await harness?.store.close();
      harness = undefined;
    });

    it('creates an agency once and reports a second create as existing', async () => {
      const store = await start();
      expect(await store.createAgency(agency('kab-a'))).toBe('created');
      expect(await store.createAgency(agency('kab-a', 'Other name'))).toBe('exists');
      expect(await store.getAgency('kab-a')).toEqual(agency('kab-a'));
      expect(await store.getAgency('nope')).toBeNull();
    });

    it('lists all agencies by name, or only the requested ids', async () => {
      const store = await start();
      await store.createAgency(agency('b', 'Beta'));
      await store.createAgency(agency('a', 'Alpha'));
      await store.createAgency(agency('c', 'Gamma'));
      expect((await store.listAgencies()).map((a) => a.id)).toEqual(['a', 'b', 'c']);
      expect((await store.listAgencies(['c', 'a', 'zz'])).map((a) => a.id)).toEqual(['a', 'c']);
      expect(await store.listAgencies([])).toEqual([]);
    });

    it('applies a roster, then updates people by NIP on re-import', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      const root = unit('kab-a', ['Sekretariat']);
      const child = unit('kab-a', ['Sekretariat', 'Bagian Umum']);
      const first = await store.applyRoster('kab-a', {
        units: [root, child],
        employees: [person('kab-a', NIP_A, 'Ani', root.id), person('kab-a', NIP_B, 'Budi', child.id, NIP_A)],
        deactivateMissing: false,
      });
      expect(first).toEqual({ created: 2, updated: 0, deactivated: 0 });
      expect(await store.listUnits('kab-a')).toEqual([root, child]);
      expect(await store.getUnits('kab-a', [child.id, 'no-such-unit'])).toEqual([child]);
      expect(await store.getUnits('kab-b', [child.id])).toEqual([]);
      expect(await store.getUnits('kab-a', [])).toEqual([]);
      expect(await store.summarizeAgency('kab-a')).toEqual({ units: 2, activeEmployees: 2 });

      const second = await store.applyRoster('kab-a', {
        units: [root],
        employees: [{ ...person('kab-a', NIP_B, 'Budi Santoso', root.id), position: 'Kepala' }, person('kab-a', NIP_C, 'Citra', root.id)],
        deactivateMissing: false,
      });
      expect(second).toEqual({ created: 1, updated: 1, deactivated: 0 });
      const people = await store.listEmployees('kab-a');
      expect(people.map((p) => [p.nip, p.name, p.active])).toEqual([
        [NIP_A, 'Ani', true],
        [NIP_B, 'Budi Santoso', true],
        [NIP_C, 'Citra', true],
      ]);
      expect(people.find((p) => p.nip === NIP_B)).toMatchObject({ position: 'Kepala', unitId: root.id, supervisorNip: null });
    });

    it('deactivates people missing from a roster only when asked', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      const root = unit('kab-a', ['Sekretariat']);
      await store.applyRoster('kab-a', {
        units: [root],
        employees: [person('kab-a', NIP_A, 'Ani', root.id), person('kab-a', NIP_B, 'Budi', root.id)],
        deactivateMissing: false,
      });
      const outcome = await store.applyRoster('kab-a', {
        units: [root],
        employees: [person('kab-a', NIP_A, 'Ani', root.id)],
        deactivateMissing: true,
      });
      expect(outcome).toEqual({ created: 0, updated: 1, deactivated: 1 });
      expect((await store.listEmployees('kab-a')).map((p) => [p.nip, p.active])).toEqual([
        [NIP_A, true],
        [NIP_B, false],
      ]);
      expect(await store.summarizeAgency('kab-a')).toEqual({ units: 1, activeEmployees: 1 });
    });

    it('refuses a roster for an unknown agency and writes nothing', async () => {
      const store = await start();
      const root = unit('ghost', ['Sekretariat']);
      await expect(
        store.applyRoster('ghost', { units: [root], employees: [person('ghost', NIP_A, 'Ani', root.id)], deactivateMissing: false }),
      ).rejects.toBeInstanceOf(StoreError);
      expect(await store.listUnits('ghost')).toEqual([]);
      expect(await store.listEmployees('ghost')).toEqual([]);
    });

    it('keeps rosters of different agencies apart', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createAgency(agency('kab-b'));
      const ua = unit('kab-a', ['Dinas']);
      const ub = unit('kab-b', ['Dinas']);
      await store.applyRoster('kab-a', { units: [ua], employees: [person('kab-a', NIP_A, 'Ani', ua.id)], deactivateMissing: false });
      await store.applyRoster('kab-b', { units: [ub], employees: [person('kab-b', NIP_B, 'Budi', ub.id)], deactivateMissing: true });
      expect((await store.listEmployees('kab-a')).map((p) => p.nip)).toEqual([NIP_A]);
      expect((await store.listEmployees('kab-b')).map((p) => p.nip)).toEqual([NIP_B]);
    });

    it('appends audit events and lists them newest first, per agency and per wave', async () => {
      const store = await start();
      await store.appendAuditEvent(audit('e1', 'kab-a', '2026-03-01T08:00:00.000Z'));
      await store.appendAuditEvent(audit('e2', 'kab-a', '2026-03-02T08:00:00.000Z', 'w1'));
      await store.appendAuditEvent(audit('e3', 'kab-b', '2026-03-03T08:00:00.000Z'));
      await store.appendAuditEvent(audit('e4', 'kab-a', '2026-03-04T08:00:00.000Z', 'w1'));
      expect((await store.listAuditEvents('kab-a')).map((e) => e.id)).toEqual(['e4', 'e2', 'e1']);
      expect((await store.listAuditEvents('kab-a', { waveId: 'w1' })).map((e) => e.id)).toEqual(['e4', 'e2']);
      expect((await store.listAuditEvents('kab-a', { limit: 1 })).map((e) => e.id)).toEqual(['e4']);
      expect((await store.listAuditEvents('kab-a'))[0]).toEqual(audit('e4', 'kab-a', '2026-03-04T08:00:00.000Z', 'w1'));
      // Same millisecond: still in append order (reversed), whatever the ids.
      await store.appendAuditEvent(audit('zz', 'kab-c', '2026-03-05T08:00:00.000Z'));
      await store.appendAuditEvent(audit('aa', 'kab-c', '2026-03-05T08:00:00.000Z'));
      expect((await store.listAuditEvents('kab-c')).map((e) => e.id)).toEqual(['aa', 'zz']);
    });

    it('creates, lists (newest first) and edits waves only while they are drafts', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      await store.createWave(draftWave('w2', 'kab-a', '2026-05-02T00:00:00.000Z'));
      expect((await store.listWaves('kab-a')).map((w) => w.id)).toEqual(['w2', 'w1']);
      expect(await store.listWaves('kab-b')).toEqual([]);
      expect(await store.getWave('w1')).toEqual(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      const edited = { ...draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'), name: 'Baru', scope: { kind: 'units' as const, unitIds: ['u1'] } };
      expect(await store.updateDraftWave(edited)).toBe('updated');
      expect(await store.getWave('w1')).toEqual(edited);
      expect(await store.updateDraftWave(draftWave('nope', 'kab-a', '2026-05-01T00:00:00.000Z'))).toBe('not_found');
      await store.launchWave(launchOf('w1'));
      expect(await store.updateDraftWave({ ...edited, name: 'Lagi' })).toBe('not_draft');
      expect((await store.getWave('w1'))?.name).toBe('Baru');
    });

    it('launches a draft once, with its invitations, tickets and a link list taken once', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      expect(await store.findInvitationByCodeHash('hash-a')).toBeNull();
      expect(await store.launchWave(launchOf('w1'))).toBe('launched');
      expect(await store.getWave('w1')).toMatchObject({ status: 'open', launchedAt: '2026-06-01T01:00:00.000Z', opensAt: '2026-06-01T01:00:00.000Z' });
      expect(await store.launchWave(launchOf('w1'))).toBe('not_draft');
      expect(await store.launchWave(launchOf('ghost'))).toBe('not_found');
      const invitation = await store.findInvitationByCodeHash('hash-a');
      expect(invitation).toEqual({ id: 'inv-a', waveId: 'w1', agencyId: 'kab-a', raterNip: NIP_A, codeHash: 'hash-a' });
      expect((await store.listTicketsOfInvitation('inv-a')).map((t) => t.id).sort()).toEqual(['t1', 't2']);
      expect(await store.hasLinks('w1')).toBe(true);
      const links = await store.takeLinks('w1');
      expect(links?.map((l) => l.code)).toEqual(['CODEA', 'CODEB']);
      expect(await store.takeLinks('w1')).toBeNull();
      expect(await store.hasLinks('w1')).toBe(false);
    });

    it('reissues one rater: the old code stops working and unused tickets move', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      await store.launchWave(launchOf('w1'));
      let n = 0;
      expect(await store.reissueInvitation('w1', NIP_A, { id: 'inv-a2', codeHash: 'hash-a2', ticketId: () => `n${++n}` })).toEqual({ status: 'reissued', movedTickets: 2 });
      expect(await store.findInvitationByCodeHash('hash-a')).toBeNull();
      expect(await store.findInvitationByCodeHash('hash-a2')).toMatchObject({ id: 'inv-a2', raterNip: NIP_A });
      // Moved under new ids (tagged under the new code by the caller), same ratees.
      expect((await store.listTicketsOfInvitation('inv-a2')).map((t) => t.id).sort()).toEqual(['n1', 'n2']);
      expect(await store.listTicketsOfInvitation('inv-a')).toEqual([]);
      expect(await store.reissueInvitation('w1', NIP_C, { id: 'x', codeHash: 'y', ticketId: () => 'z' })).toEqual({ status: 'not_found' });
    });

    it('records a response by consuming its ticket, once', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      await store.launchWave(launchOf('w1'));
      const now = '2026-06-02T00:00:00.000Z';
      const first = row(4);
      expect(await store.recordResponse('inv-a', 't2', responseDraft('r1', first), now)).toBe('recorded');
      expect(await store.recordResponse('inv-a', 't2', responseDraft('r2'), now)).toBe('ticket_gone');
      expect(await store.recordResponse('inv-b', 't2', responseDraft('r3'), now)).toBe('ticket_gone');
      expect((await store.listTicketsOfInvitation('inv-a')).map((t) => t.id)).toEqual(['t1']);
      expect(await store.sealedResponses('w1')).toEqual([
        { id: 'r1', rateeNip: NIP_B, rateeUnitId: '', relationship: 'superior', questionnaireVersion: 'berakhlak-2021.1', sealed: first },
      ]);
      expect(await store.sealedResponses('w2')).toEqual([]);
      expect(await store.getWaveSeal('w1')).toEqual({ ceremonyId: 'c1', jointKey: 'joint-key' });
      expect(await store.getWaveSeal('w2')).toBeNull();
      expect(await store.recordResponse('inv-a', 't1', responseDraft('r4'), '2026-06-01T00:00:00.000Z')).toBe('wave_not_open');
      await store.closeWave('w1', '2026-06-03T00:00:00.000Z');
      expect(await store.recordResponse('inv-a', 't1', responseDraft('r5'), now)).toBe('wave_closed');
      expect((await store.sealedResponses('w1')).map((r) => r.id)).toEqual(['r1']);
    });

    it('keeps each group’s tally as the sum of its sealed responses, in the submission’s transaction', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      await store.launchWave({
        ...launchOf('w1'),
        tickets: [
          { id: 't1', invitationId: 'inv-a', waveId: 'w1', rateeNip: NIP_C, relationship: 'peer' as const },
          { id: 't2', invitationId: 'inv-b', waveId: 'w1', rateeNip: NIP_C, relationship: 'peer' as const },
          { id: 't3', invitationId: 'inv-b', waveId: 'w1', rateeNip: NIP_A, relationship: 'superior' as const },
        ],
      });
      const rows = [row(2), row(5), row(3)];
      const now = '2026-06-02T00:00:00.000Z';
      await store.recordResponse('inv-a', 't1', responseDraft('r1', rows[0]), now);
      await store.recordResponse('inv-b', 't2', responseDraft('r2', rows[1]), now);
      await store.recordResponse('inv-b', 't3', responseDraft('r3', rows[2]), now);
      const tallies = await store.listTallies('w1');
      expect(tallies.map((t) => [t.rateeNip, t.relationship, t.responses])).toEqual([[NIP_A, 'superior', 1], [NIP_C, 'peer', 2]].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)));
      expect(tallies.find((t) => t.rateeNip === NIP_C)!.sealed).toEqual(addSealed(rows[0]!, rows[1]!));
      expect(tallies.find((t) => t.rateeNip === NIP_A)!.sealed).toEqual(rows[2]);
      expect((await store.sealedResponses('w1', [{ rateeNip: NIP_C, relationship: 'peer' }])).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
      expect(await store.sealedResponses('w1', [{ rateeNip: NIP_C, relationship: 'self' }])).toEqual([]);
    });

    it('stores a ceremony step only over the version it was made against', async () => {
      const store = await start();
      const c = newCeremony({
        id: 'c1',
        agencyId: 'kab-a',
        label: 'Kunci 2026',
        quorum: 2,
        trustees: [{ index: 1, uid: 'u1', email: null }, { index: 2, uid: 'u2', email: null }, { index: 3, uid: 'u3', email: null }],
        createdAt: '2026-05-01T00:00:00.000Z',
        createdBy: { uid: 'k', email: null },
      });
      await store.createCeremony(c);
      await store.createCeremony({ ...c, id: 'c2', createdAt: '2026-05-02T00:00:00.000Z' });
      expect(await store.getCeremony('c1')).toEqual(c);
      expect(await store.getCeremony('nope')).toBeNull();
      expect((await store.listCeremonies('kab-a')).map((x) => x.id)).toEqual(['c2', 'c1']);
      const next = { ...c, label: 'x', version: 2 };
      expect(await store.saveCeremony(next, 1)).toBe('saved');
      expect(await store.saveCeremony({ ...c, label: 'y', version: 2 }, 1)).toBe('conflict');
      expect(await store.getCeremony('c1')).toEqual(next);
    });

    it('keeps decryption shares per group and trustee, and merges what opening reveals', async () => {
      const store = await start();
      const share = (nip: string, s: string) => ({ rateeNip: nip, relationship: 'peer' as const, slots: [0, 1], shares: [encode(mulBase(randomScalar())), s], proof: { c: s, v: s } });
      const x = encode(mulBase(randomScalar()));
      await store.saveDecryptionShares('w1', 'counts', 1, [share(NIP_A, x), share(NIP_B, x)]);
      await store.saveDecryptionShares('w1', 'counts', 2, [share(NIP_A, x)]);
      const replaced = share(NIP_A, encode(mulBase(randomScalar())));
      await store.saveDecryptionShares('w1', 'counts', 2, [replaced]);
      const all = await store.listDecryptionShares('w1', 'counts');
      expect(all.map((s) => [s.shares.rateeNip, s.trusteeIndex])).toEqual([[NIP_A, 1], [NIP_A, 2], [NIP_B, 1]].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : (a[1] as number) - (b[1] as number))));
      expect(all.find((s) => s.trusteeIndex === 2)!.shares).toEqual(replaced);
      expect((await store.listDecryptionShares('w1', 'counts', [{ rateeNip: NIP_B, relationship: 'peer' }])).map((s) => s.trusteeIndex)).toEqual([1]);
      expect(await store.listDecryptionShares('w1', 'sums')).toEqual([]);
      expect(await store.countDecryptionShares('w1', 'counts')).toEqual(new Map([[1, 2], [2, 1]]));
      expect(await store.countDecryptionShares('w1', 'sums')).toEqual(new Map());
      await store.saveOpened('w1', [{ rateeNip: NIP_A, relationship: 'peer', counts: [3, 2], sums: null }]);
      await store.saveOpened('w1', [{ rateeNip: NIP_A, relationship: 'peer', counts: null, sums: { 2: 70 } }]);
      expect(await store.listOpened('w1')).toEqual([{ rateeNip: NIP_A, relationship: 'peer', counts: [3, 2], sums: { 2: 70 } }]);
      expect(await store.listOpened('w1', [{ rateeNip: NIP_A, relationship: 'peer' }, { rateeNip: NIP_B, relationship: 'peer' }])).toHaveLength(1);
      expect(await store.listOpened('w1', [{ rateeNip: NIP_B, relationship: 'peer' }])).toEqual([]);
    });

    it('lists a wave’s ratees once each, whatever their tickets', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      expect(await store.listRatees('w1')).toEqual([]);
      await store.launchWave(launchOf('w1'));
      expect((await store.listRatees('w1')).map((r) => r.nip).sort()).toEqual([NIP_A, NIP_B].sort());
      await store.recordResponse('inv-a', 't1', responseDraft('r1'), '2026-06-02T00:00:00.000Z');
      expect(await store.listRatees('w1')).toHaveLength(2);
      expect(await store.listRatees('ghost')).toEqual([]);
    });

    it('counts coverage, raters’ progress and the ledger from remaining tickets and responses', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      await store.launchWave(launchOf('w1'));
      expect(await store.recordResponse('inv-a', 't2', responseDraft('r1'), '2026-06-02T00:00:00.000Z')).toBe('recorded');
      const progress = (await store.listRaterProgress('w1')).sort((a, b) => (a.raterNip < b.raterNip ? -1 : 1));
      expect(progress.map((p) => [p.raterNip, p.issued, p.left])).toEqual(
        [[NIP_A, 2, 1], [NIP_B, 1, 1]].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
      );
      const coverage = await store.coverageFacts('w1', { k: 3, unitIds: null, focus: null, limit: 10 });
      const raters = coverage.units.reduce(
        (t, u) => ({ invited: t.invited + u.raters.invited, finished: t.finished + u.raters.finished, partly: t.partly + u.raters.partly, notStarted: t.notStarted + u.raters.notStarted }),
        { invited: 0, finished: 0, partly: 0, notStarted: 0 },
      );
      expect(raters).toEqual({ invited: 2, finished: 0, partly: 1, notStarted: 1 });
      expect(coverage.ratees.total).toBe(2);
      expect(coverage.ratees.rows.find((r) => r.nip === NIP_B)?.groups).toEqual({ superior: { issued: 1, responses: 1 } });
      expect(coverage.ratees.rows.find((r) => r.nip === NIP_A)?.groups).toEqual({ self: { issued: 1, responses: 0 }, subordinate: { issued: 1, responses: 0 } });
      // Ani's subordinate group cannot reach k = 3: she comes first.
      expect(coverage.ratees.rows.map((r) => r.nip)).toEqual([NIP_A, NIP_B]);
      expect(coverage.ratees.atRisk).toBe(1);
      expect(coverage.perDay).toEqual([{ day: '2026-06-02', responses: 1 }]);
      const ledger = await store.ledgerFacts('w1');
      const key = (g: { rateeNip: string; relationship: string }) => `${g.rateeNip}/${g.relationship}`;
      expect(ledger.groups.sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(
        [
          { rateeNip: NIP_A, relationship: 'self' as const, issued: 1, remaining: 1, responses: 0, counted: 0 },
          { rateeNip: NIP_A, relationship: 'subordinate' as const, issued: 1, remaining: 1, responses: 0, counted: 0 },
          { rateeNip: NIP_B, relationship: 'superior' as const, issued: 1, remaining: 0, responses: 1, counted: 1 },
        ].sort((a, b) => (key(a) < key(b) ? -1 : 1)),
      );
      expect(ledger.raters.map((r) => [r.issued, r.left]).sort()).toEqual([[1, 1], [2, 1]]);
    });

    concurrent(concurrentCases[0], async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      await store.launchWave(launchOf('w1'));
      const now = '2026-06-02T00:00:00.000Z';
      const attempts = [
        ...Array.from({ length: 10 }, (_, i) => store.recordResponse('inv-a', 't1', responseDraft(`a${i}`), now)),
        store.recordResponse('inv-a', 't2', responseDraft('b'), now),
        store.recordResponse('inv-b', 't3', responseDraft('c'), now),
      ];
      const outcomes = await Promise.all(attempts);
      expect(outcomes.slice(0, 10).filter((o) => o === 'recorded')).toHaveLength(1);
      expect(outcomes.slice(0, 10).filter((o) => o === 'ticket_gone')).toHaveLength(9);
      expect(outcomes.slice(10)).toEqual(['recorded', 'recorded']);
      expect(await store.sealedResponses('w1')).toHaveLength(3);
      expect(await store.listTicketsOfInvitation('inv-a')).toEqual([]);
    });

    it('closes only an open wave', async () => {
      const store = await start();
      await store.createAgency(agency('kab-a'));
      await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
      expect(await store.closeWave('w1', '2026-07-01T00:00:00.000Z')).toBe('not_open');
      await store.launchWave(launchOf('w1'));
      expect(await store.closeWave('w1', '2026-07-01T00:00:00.000Z')).toBe('closed');
      expect(await store.getWave('w1')).toMatchObject({ status: 'closed', closedAt: '2026-07-01T00:00:00.000Z' });
      expect(await store.closeWave('w1', '2026-07-02T00:00:00.000Z')).toBe('not_open');
      expect(await store.closeWave('ghost', '2026-07-02T00:00:00.000Z')).toBe('not_found');
    });

    it('keeps everything across a close and reopen', async (ctx) => {
      const first = await start();
      if (!harness?.reopen) ctx.skip();
      await first.createAgency(agency('kab-a'));
      const root = unit('kab-a', ['Sekretariat']);
      await first.applyRoster('kab-a', { units: [root], employees: [person('kab-a', NIP_A, 'Ani', root.id)], deactivateMissing: false });
      await first.appendAuditEvent(audit('e1', 'kab-a', '2026-03-01T08:00:00.000Z'));
      await first.close();
      const again = await harness!.reopen!();
      harness = { store: again };
      expect(await again.getAgency('kab-a')).toEqual(agency('kab-a'));
      expect((await again.listEmployees('kab-a')).map((p) => p.nip)).toEqual([NIP_A]);
      expect((await again.listAuditEvents('kab-a')).map((e) => e.id)).toEqual(['e1']);
    });
  });
}
