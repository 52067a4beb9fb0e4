import { expect, it } from 'vitest';
import { StoreError, type SurveyStore } from '../port.js';
import { agency, unit, person, NIP_A, NIP_B, NIP_C, audit } from './fixtures.js';

/** The contract's cases for agencies, rosters and the audit log. */
export function rosterCases(start: () => Promise<SurveyStore>): void {
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
}
