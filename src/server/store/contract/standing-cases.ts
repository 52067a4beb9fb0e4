import { expect, it } from 'vitest';
import { isAtRisk, rateeOrder } from '../../../domain/coverage.js';
import { relationships, type Relationship } from '../../../domain/questionnaire.js';
import type { Invitation, Ticket } from '../../../domain/schema.js';
import { seededRandom } from '../../../domain/seeded-random.js';
import type { SurveyStore } from '../port.js';
import { agency, draftWave, launchOf, responseDraft } from './fixtures.js';

type Counts = { issued: number; responses: number };

/**
 * A property of every store: a ratee's standing against k (at risk, progress towards k, and so the
 * order of the coverage rows) is the domain's `isAtRisk` / `rateeOrder`, however the store keeps it
 * (SQL expressions in ratee_groups, derived fields in Firestore's snapshot). Random waves, random
 * k, submissions in random order; checked after every few submissions.
 */
export function standingCases(start: () => Promise<SurveyStore>): void {
  it('keeps each ratee’s standing against k as the domain computes it, over random waves and submission orders', async () => {
    const store = await start();
    await store.createAgency(agency('kab-a'));
    for (const seed of [11, 23, 37]) {
      const random = seededRandom(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const waveId = `w-${seed}`;
      const k = 3 + pick(3);
      const base = draftWave(waveId, 'kab-a', '2026-05-01T00:00:00.000Z');
      await store.createWave({ ...base, settings: { ...base.settings, anonymityThreshold: k } });

      const nip = (i: number) => `1985031220100110${String(i).padStart(2, '0')}`;
      const ratees = Array.from({ length: 7 }, (_, i) => nip(i));
      const invitations: Invitation[] = Array.from({ length: 12 }, (_, i) => ({ id: `${waveId}-inv-${String(i).padStart(2, '0')}`, waveId, agencyId: 'kab-a', raterNip: nip(20 + i), codeHash: `${waveId}-h-${i}` }));
      const tickets: Ticket[] = [];
      for (const inv of invitations) {
        for (const rateeNip of ratees.filter(() => random() < 0.45)) {
          // Mostly the groups held to k, so ratees land on both sides of it.
          const relationship: Relationship = random() < 0.8 ? (random() < 0.5 ? 'peer' : 'subordinate') : relationships[pick(relationships.length)]!;
          tickets.push({ id: `${waveId}-t-${String(tickets.length).padStart(3, '0')}`, invitationId: inv.id, waveId, rateeNip, relationship });
        }
      }
      tickets.sort((a, b) => (a.invitationId < b.invitationId ? -1 : a.invitationId > b.invitationId ? 1 : a.id < b.id ? -1 : 1));
      await store.launchWave({ ...launchOf(waveId), invitations, tickets, links: [] });

      const expected = new Map<string, Partial<Record<Relationship, Counts>>>();
      for (const t of tickets) {
        const groups = expected.get(t.rateeNip) ?? {};
        groups[t.relationship] = { issued: (groups[t.relationship]?.issued ?? 0) + 1, responses: 0 };
        expected.set(t.rateeNip, groups);
      }
      const check = async () => {
        const facts = await store.coverageFacts(waveId, { k, unitIds: null, focus: null, limit: 100 });
        const rows = facts.ratees.rows;
        expect(new Map(rows.map((r) => [r.nip, r.groups]))).toEqual(expected);
        expect(rows.map((r) => r.nip)).toEqual([...rows].sort(rateeOrder(k)).map((r) => r.nip));
        const atRisk = rows.filter((r) => isAtRisk(r.groups, k)).length;
        expect(facts.ratees.atRisk).toBe(atRisk);
        expect(facts.units.reduce((n, u) => n + u.rateesAtRisk, 0)).toBe(atRisk);
      };

      await check();
      const order = [...tickets].sort(() => random() - 0.5).slice(0, Math.ceil(tickets.length * 0.8));
      for (const [i, t] of order.entries()) {
        expect(await store.recordResponse(t.invitationId, t.id, responseDraft(`${waveId}-r${i}`), '2026-06-02T00:00:00.000Z')).toBe('recorded');
        expected.get(t.rateeNip)![t.relationship]!.responses++;
        if (i % 5 === 4) await check();
      }
      await check();
    }
  });
}
