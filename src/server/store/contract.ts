import { afterEach, describe, expect, it } from 'vitest';
import type { Agency, AuditEvent, Employee, Unit } from '../../domain/schema.js';
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

export function describeStoreContract(name: string, open: () => Promise<ContractHarness>): void {
  describe(`SurveyStore contract: ${name}`, () => {
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
