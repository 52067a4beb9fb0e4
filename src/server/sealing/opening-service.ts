import { questionnaires } from '../../domain/questionnaire.js';
import type { Wave } from '../../domain/schema.js';
import { verificationKey } from '../../domain/sealing/ceremony.js';
import { paramsOf } from '../../domain/sealing/ceremony-state.js';
import { readTally } from '../../domain/sealing/elgamal.js';
import { encode, sealingReady, type Point } from '../../domain/sealing/group.js';
import { slotsToOpen, type OpeningRules } from '../../domain/sealing/opening.js';
import type { GroupShares, OpeningStatus, Phase } from '../../domain/sealing/schema.js';
import type { GroupTally } from '../../domain/tally.js';
import { coreValues } from '../../domain/values.js';
import { ApiError } from '../api-error.js';
import type { GroupKey, OpenedGroup, StoredTally, SurveyStore } from '../store/port.js';
import { InlineShareChecks, type RulesWire, type ShareChecks } from './share-checks.js';

/*
 * Opening a closed wave on the server: which groups each phase may open, the package a trustee's
 * browser downloads, and the shares it uploads. Every share is checked against its proof when it
 * arrives (a request with one bad share stores nothing); as soon as a quorum of trustees has given
 * a group's shares, they are combined and what they open is stored. The checks run where `checks`
 * says (worker threads on the server, share-checks.ts). Nothing here holds a key.
 */

export interface OpeningContext {
  wave: Wave;
  rules: OpeningRules;
  verificationKeys: Map<number, Point>;
  trustees: { index: number; uid: string; email: string | null }[];
}

const rulesWire = (ctx: OpeningContext): RulesWire => ({
  params: ctx.rules.params,
  waveId: ctx.rules.waveId,
  k: ctx.rules.k,
  questionnaireVersion: ctx.rules.questionnaire.version,
});

const key = (g: GroupKey) => `${g.rateeNip}|${g.relationship}`;

type Eligible = { tally: StoredTally; slots: number[] };

/** Every group with the responses it needs: the count slots it opens. */
function countsEligible(ctx: OpeningContext, tallies: readonly StoredTally[]): Eligible[] {
  return tallies.flatMap((tally) => {
    const slots = slotsToOpen(ctx.rules, 'counts', tally, tally.responses);
    return slots.length ? [{ tally, slots }] : [];
  });
}

/** Every group whose counts are open and that has a value enough responses scored: the sum slots it opens. */
function sumsEligible(ctx: OpeningContext, tallies: readonly StoredTally[], opened: readonly OpenedGroup[], only?: ReadonlySet<string>): Eligible[] {
  const byKey = new Map(opened.map((o) => [key(o), o]));
  return tallies.flatMap((tally) => {
    if (only && !only.has(key(tally))) return [];
    const counts = byKey.get(key(tally))?.counts;
    if (!counts) return [];
    const slots = slotsToOpen(ctx.rules, 'sums', tally, tally.responses, readTally(counts, null));
    return slots.length ? [{ tally, slots }] : [];
  });
}

export class OpeningService {
  private readonly contexts = new Map<string, Promise<OpeningContext>>();
  private readonly tallyCache = new Map<string, Promise<StoredTally[]>>();
  private readonly sumsCache = new Map<string, { tally: StoredTally; slots: number[] }[]>();

  /** `checks`: where shares are checked and combined; worker threads on the server, inline by default. */
  constructor(
    private readonly store: SurveyStore,
    private readonly checks: ShareChecks = new InlineShareChecks(),
  ) {}

  /** The ceremony and rules a closed wave opens under. */
  context(wave: Wave): Promise<OpeningContext> {
    let c = this.contexts.get(wave.id);
    if (!c) {
      c = this.load(wave);
      c.catch(() => this.contexts.delete(wave.id));
      this.contexts.set(wave.id, c);
    }
    return c;
  }

  private async load(wave: Wave): Promise<OpeningContext> {
    await sealingReady();
    const seal = await this.store.getWaveSeal(wave.id);
    if (!seal) throw new ApiError('wave_unsealed');
    const ceremony = await this.store.getCeremony(seal.ceremonyId);
    if (!ceremony || ceremony.status !== 'complete') throw new ApiError('wave_unsealed');
    const questionnaire = questionnaires[wave.questionnaireVersion];
    if (!questionnaire) throw new Error(`unknown questionnaire ${wave.questionnaireVersion}`);
    const params = paramsOf(ceremony);
    return {
      wave,
      rules: { params, waveId: wave.id, k: wave.settings.anonymityThreshold, questionnaire },
      verificationKeys: new Map(ceremony.trustees.map((t) => [t.index, verificationKey(params, ceremony.commitments, t.index)])),
      trustees: ceremony.trustees,
    };
  }

  /** A closed wave's tallies never change: read once per process. */
  private tallyList(waveId: string): Promise<StoredTally[]> {
    let list = this.tallyCache.get(waveId);
    if (!list) {
      list = this.store.listTallies(waveId);
      list.catch(() => this.tallyCache.delete(waveId));
      this.tallyCache.set(waveId, list);
      if (this.tallyCache.size > 8) this.tallyCache.delete(this.tallyCache.keys().next().value!);
    }
    return list;
  }

  /**
   * Groups a phase opens, in order, with their tallies; for "sums", with the counts already
   * opened (of `only` those groups, when given). Once every count is open the list is final.
   */
  async eligible(ctx: OpeningContext, phase: Phase, only?: readonly GroupKey[]): Promise<Eligible[]> {
    const tallies = await this.tallyList(ctx.wave.id);
    if (phase === 'counts') return countsEligible(ctx, tallies);
    const final = this.sumsCache.get(ctx.wave.id);
    if (final) {
      if (!only) return final;
      const wanted = new Set(only.map(key));
      return final.filter((e) => wanted.has(key(e.tally)));
    }
    const opened = await this.store.listOpened(ctx.wave.id, only);
    return only ? sumsEligible(ctx, tallies, opened, new Set(only.map(key))) : this.allSums(ctx, tallies, opened);
  }

  /** Sums eligibility of the whole wave from what is opened; kept once every count is open. */
  private allSums(ctx: OpeningContext, tallies: readonly StoredTally[], opened: readonly OpenedGroup[]): Eligible[] {
    const list = sumsEligible(ctx, tallies, opened);
    if (opened.filter((o) => o.counts).length === countsEligible(ctx, tallies).length) this.sumsCache.set(ctx.wave.id, list);
    return list;
  }

  /** Where opening stands, from one read of what is opened. */
  private async progress(wave: Wave) {
    const ctx = await this.context(wave);
    const [tallies, opened] = await Promise.all([this.tallyList(wave.id), this.store.listOpened(wave.id)]);
    const counts = countsEligible(ctx, tallies);
    const sums = this.sumsCache.get(wave.id) ?? this.allSums(ctx, tallies, opened);
    const countsOpened = opened.filter((o) => o.counts).length;
    const sumsOpened = opened.filter((o) => o.sums).length;
    const allCounted = countsOpened === counts.length;
    return { ctx, tallies, opened, counts, sums, countsOpened, sumsOpened, allCounted, done: allCounted && sumsOpened === sums.length };
  }

  async status(wave: Wave): Promise<OpeningStatus> {
    const [p, countShares, sumShares] = await Promise.all([
      this.progress(wave),
      this.store.countDecryptionShares(wave.id, 'counts'),
      this.store.countDecryptionShares(wave.id, 'sums'),
    ]);
    return {
      waveId: wave.id,
      ceremonyId: p.ctx.rules.params.ceremonyId,
      quorum: p.ctx.rules.params.quorum,
      k: p.ctx.rules.k,
      questionnaireVersion: wave.questionnaireVersion,
      trustees: p.ctx.trustees.map((t) => ({
        index: t.index,
        email: t.email,
        counts: (countShares.get(t.index) ?? 0) >= p.counts.length,
        sums: p.allCounted && (sumShares.get(t.index) ?? 0) >= p.sums.length,
      })),
      phases: { counts: { groups: p.counts.length, opened: p.countsOpened }, sums: { groups: p.sums.length, opened: p.sumsOpened } },
      done: p.done,
    };
  }

  /** A page of what a trustee's browser needs for a phase: each group's sealed responses (and for "sums", its count shares). */
  async package(wave: Wave, phase: Phase, offset: number, limit: number) {
    const ctx = await this.context(wave);
    const all = await this.eligible(ctx, phase);
    const page = all.slice(offset, offset + limit);
    const [responses, countShares] = await Promise.all([
      this.store.sealedResponses(wave.id, page.map((p) => p.tally)),
      phase === 'sums' ? this.store.listDecryptionShares(wave.id, 'counts', page.map((p) => p.tally)) : Promise.resolve([]),
    ]);
    const rows = new Map<string, string[]>();
    for (const r of responses) rows.set(key(r), [...(rows.get(key(r)) ?? []), encode(r.sealed)]);
    const shares = new Map<string, { index: number; shares: GroupShares }[]>();
    for (const s of countShares) shares.set(key(s.shares), [...(shares.get(key(s.shares)) ?? []), { index: s.trusteeIndex, shares: s.shares }]);
    return {
      total: all.length,
      next: offset + page.length < all.length ? offset + page.length : null,
      groups: page.map(({ tally }) => ({
        rateeNip: tally.rateeNip,
        relationship: tally.relationship,
        responses: rows.get(key(tally)) ?? [],
        ...(phase === 'sums' ? { countShares: shares.get(key(tally)) ?? [] } : {}),
      })),
    };
  }

  /**
   * Checks every share of an upload against its proof and the slots its phase opens for its group;
   * stores them only if all hold, then opens each group a quorum has now given shares for.
   */
  async accept(wave: Wave, phase: Phase, trusteeIndex: number, given: readonly GroupShares[]): Promise<{ accepted: number; opened: number }> {
    const ctx = await this.context(wave);
    const V = ctx.verificationKeys.get(trusteeIndex)!;
    const eligible = new Map((await this.eligible(ctx, phase, given)).map((e) => [key(e.tally), e]));
    const seen = new Set<string>();
    for (const s of given) {
      const e = eligible.get(key(s));
      if (!e || seen.has(key(s))) throw new ApiError('decryption_share_invalid', [{ path: key(s), message: 'not a group this phase opens' }]);
      seen.add(key(s));
      if (s.slots.join(',') !== e.slots.join(',')) throw new ApiError('decryption_share_invalid', [{ path: key(s), message: 'slots this phase does not open' }]);
    }
    const wire = rulesWire(ctx);
    const bad = await this.checks.verify(wire, phase, trusteeIndex, V, given.map((s) => ({ tally: eligible.get(key(s))!.tally.sealed, given: s })));
    if (bad !== null) throw new ApiError('decryption_share_invalid', [{ path: key(given[bad]!), message: 'the proof of correct decryption does not hold' }]);
    await this.store.saveDecryptionShares(wave.id, phase, trusteeIndex, given);
    const all = await this.store.listDecryptionShares(wave.id, phase, given);
    const byGroup = new Map<string, [number, string[]][]>();
    for (const s of all) {
      const g = byGroup.get(key(s.shares)) ?? [];
      // The first `quorum` trustees by seat: which ones does not change what opens.
      if (g.length < ctx.rules.params.quorum) g.push([s.trusteeIndex, s.shares.shares]);
      byGroup.set(key(s.shares), g);
    }
    const ready = given.flatMap((s) => {
      const shares = byGroup.get(key(s));
      return shares && shares.length >= ctx.rules.params.quorum ? [{ s, e: eligible.get(key(s))!, shares }] : [];
    });
    const values = ready.length
      ? await this.checks.combine(
          wire,
          ready.map(({ e, shares }) => ({ tally: e.tally.sealed, responses: e.tally.responses, slots: e.slots, shares })),
        )
      : [];
    const opened: OpenedGroup[] = ready.map(({ s, e }, n) =>
      phase === 'counts'
        ? { rateeNip: s.rateeNip, relationship: s.relationship, counts: values[n]!, sums: null }
        : { rateeNip: s.rateeNip, relationship: s.relationship, counts: null, sums: Object.fromEntries(e.slots.map((slot, j) => [slot, values[n]![j]!])) },
    );
    if (opened.length) await this.store.saveOpened(wave.id, opened);
    return { accepted: given.length, opened: opened.length };
  }

  /** Every group's opened tally (values below k left closed), once opening is done; null before. */
  async tallies(wave: Wave): Promise<GroupTally[] | null> {
    const p = await this.progress(wave);
    if (!p.done) return null;
    const opened = new Map(p.opened.map((o) => [key(o), o]));
    return p.tallies.map((t) => {
      const o = opened.get(key(t));
      return {
        rateeNip: t.rateeNip,
        rateeUnitId: t.rateeUnitId,
        relationship: t.relationship,
        responses: t.responses,
        // A group never opened (fewer than it needs) shows its response count only.
        values: o?.counts ? readTally(o.counts, o.sums) : coreValues.map(() => ({ count: 0, sum: null })),
      };
    });
  }
}

