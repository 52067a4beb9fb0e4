import { expect, it } from 'vitest';
import { newCeremony } from '../../../domain/sealing/ceremony-state.js';
import { addSealed } from '../../../domain/sealing/elgamal.js';
import { encode, mulBase, randomScalar } from '../../../domain/sealing/group.js';
import type { SurveyStore } from '../port.js';
import { agency, NIP_A, NIP_B, NIP_C, draftWave, launchOf, row, responseDraft , concurrentCases } from './fixtures.js';

/** The contract's cases for waves: launch, links, reissue, submissions, tallies, ceremonies, opening, coverage, close. */
export function waveCases(start: () => Promise<SurveyStore>, concurrent: (name: (typeof concurrentCases)[number], fn: () => Promise<void>) => void): void {
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

  it('launches a draft once, with its invitations, tickets and a link list kept until confirmed', async () => {
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
    const page = await store.readLinks('w1', 0);
    expect(page).toMatchObject({ total: 2, next: null });
    expect(page?.links.map((l) => l.code)).toEqual(['CODEA', 'CODEB']);
    // Reading deletes nothing: a page lost on the way is read again.
    expect(await store.readLinks('w1', 0)).toEqual(page);
    expect(await store.hasLinks('w1')).toBe(true);
    expect(await store.confirmLinks('w1')).toBe(2);
    expect(await store.readLinks('w1', 0)).toBeNull();
    expect(await store.confirmLinks('w1')).toBeNull();
    expect(await store.hasLinks('w1')).toBe(false);
    expect(await store.confirmLinks('ghost')).toBeNull();
  });

  it('hands a long link list over page by page, whole and in order', async () => {
    const store = await start();
    await store.createAgency(agency('kab-a'));
    await store.createWave(draftWave('w1', 'kab-a', '2026-05-01T00:00:00.000Z'));
    const links = Array.from({ length: 4500 }, (_, i) => ({ nip: NIP_A, name: `Pegawai ${i}`, unitPath: ['Sekretariat', `Bagian ${i % 40}`], email: null, phone: null, code: `CODE${i}` }));
    expect(await store.launchWave({ ...launchOf('w1'), links })).toBe('launched');
    const read: string[] = [];
    let pages = 0;
    for (let page: number | null = 0; page !== null; pages++) {
      const got = await store.readLinks('w1', page);
      expect(got?.total).toBe(4500);
      read.push(...got!.links.map((l) => l.code));
      page = got!.next;
    }
    expect(pages).toBeGreaterThan(1);
    expect(read).toEqual(links.map((l) => l.code));
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
    // Where progress is served from a snapshot it is as of the last recount (a job's).
    await store.recountRaters('w1');
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
}
