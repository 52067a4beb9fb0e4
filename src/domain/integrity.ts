import { z } from 'zod';
import type { Relationship } from './questionnaire.js';
import { relationshipSchema } from './questionnaire-schema.js';

/**
 * The ledger check of a wave: tickets issued at launch = tickets remaining + responses, per ratee
 * group and in total, counted from the tickets and responses themselves.
 */
export interface LedgerFacts {
  /** Per ratee group, from the launch ledger, the remaining tickets and the responses. A group
   * missing from the ledger has issued = null. */
  groups: {
    rateeNip: string;
    relationship: Relationship;
    issued: number | null;
    remaining: number;
    responses: number;
    /** The running count coverage shows, kept beside the ledger; null where the store keeps none. */
    counted: number | null;
  }[];
  /** Per invitation: tickets issued to that rater at launch and still unused. */
  raters: { issued: number; left: number }[];
}

type LedgerGroup = LedgerFacts['groups'][number];

/** A wave's ledger gathered group by group, as both stores read it: launch counts, tickets left, responses. */
export class LedgerGroups {
  private readonly groups = new Map<string, LedgerGroup>();

  group(rateeNip: string, relationship: Relationship): LedgerGroup {
    const key = `${rateeNip}/${relationship}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { rateeNip, relationship, issued: null, remaining: 0, responses: 0, counted: null }));
    return g;
  }

  /** A ratee's groups as launch issued them and submissions counted them. */
  launched(rateeNip: string, counts: Partial<Record<Relationship, { issued: number; responses: number }>>): void {
    for (const [relationship, c] of Object.entries(counts) as [Relationship, { issued: number; responses: number }][]) {
      const g = this.group(rateeNip, relationship);
      g.issued = c.issued;
      g.counted = c.responses;
    }
  }

  list(): LedgerGroup[] {
    return [...this.groups.values()];
  }
}

/** One ratee group's side of the ledger, as a mismatch reports it. */
const groupLedger = z.object({ rateeNip: z.string(), relationship: relationshipSchema, issued: z.int(), remaining: z.int(), responses: z.int() });

export const mismatchSchema = z
  .discriminatedUnion('kind', [
    groupLedger.extend({
      /** More responses than tickets consumed: a response without a ticket, or a ticket used twice. */
      kind: z.literal('responses_exceed_consumed'),
    }),
    groupLedger.extend({
      /** Tickets gone without a response: lost writes, or tickets deleted outside a submission. */
      kind: z.literal('consumed_without_response'),
    }),
    z.object({
      /** Tickets or responses for a group that launch never issued. */
      kind: z.literal('group_not_issued'),
      rateeNip: z.string(),
      relationship: relationshipSchema,
      remaining: z.int(),
      responses: z.int(),
    }),
    z.object({
      /** Coverage's running count for the group differs from the responses actually stored. */
      kind: z.literal('coverage_count_differs'),
      rateeNip: z.string(),
      relationship: relationshipSchema,
      counted: z.int(),
      responses: z.int(),
    }),
    z.object({
      /** The raters' side does not add up to the ratees' side. */
      kind: z.literal('rater_totals_differ'),
      issuedToRaters: z.int(),
      issuedInLedger: z.int(),
      consumedByRaters: z.int(),
      responses: z.int(),
    }),
    z.object({
      /** An invitation holds more unused tickets than it was issued. */
      kind: z.literal('rater_has_extra_tickets'),
      invitations: z.int(),
    }),
  ])
  .meta({ id: 'IntegrityMismatch' });
export type Mismatch = z.infer<typeof mismatchSchema>;

export const integrityReportSchema = z
  .object({
    waveId: z.string(),
    checkedAt: z.string(),
    ok: z.boolean(),
    totals: z.object({ issued: z.int(), remaining: z.int(), responses: z.int(), groups: z.int(), invitations: z.int() }),
    /** At most 1,000 listed; `mismatchCount` has them all. */
    mismatches: z.array(mismatchSchema),
    mismatchCount: z.int(),
  })
  .meta({ id: 'IntegrityReport' });
export type IntegrityReport = z.infer<typeof integrityReportSchema>;

export function checkLedger(facts: LedgerFacts, waveId: string, checkedAt: string): IntegrityReport {
  const mismatches: Mismatch[] = [];
  const totals = { issued: 0, remaining: 0, responses: 0, groups: facts.groups.length, invitations: facts.raters.length };
  for (const g of facts.groups) {
    totals.remaining += g.remaining;
    totals.responses += g.responses;
    if (g.issued === null) {
      mismatches.push({ kind: 'group_not_issued', rateeNip: g.rateeNip, relationship: g.relationship, remaining: g.remaining, responses: g.responses });
      continue;
    }
    totals.issued += g.issued;
    if (g.counted !== null && g.counted !== g.responses) {
      mismatches.push({ kind: 'coverage_count_differs', rateeNip: g.rateeNip, relationship: g.relationship, counted: g.counted, responses: g.responses });
    }
    const consumed = g.issued - g.remaining;
    if (g.responses === consumed) continue;
    const { rateeNip, relationship, issued, remaining, responses } = g;
    mismatches.push({ kind: g.responses > consumed ? 'responses_exceed_consumed' : 'consumed_without_response', rateeNip, relationship, issued, remaining, responses });
  }
  let issuedToRaters = 0;
  let left = 0;
  let extra = 0;
  for (const r of facts.raters) {
    issuedToRaters += r.issued;
    left += r.left;
    if (r.left > r.issued) extra++;
  }
  if (extra > 0) mismatches.push({ kind: 'rater_has_extra_tickets', invitations: extra });
  const consumedByRaters = issuedToRaters - left;
  if (issuedToRaters !== totals.issued || consumedByRaters !== totals.responses) {
    mismatches.push({ kind: 'rater_totals_differ', issuedToRaters, issuedInLedger: totals.issued, consumedByRaters, responses: totals.responses });
  }
  const order = (m: Mismatch) => ('rateeNip' in m ? `${m.rateeNip}/${m.relationship}` : '');
  mismatches.sort((a, b) => order(a).localeCompare(order(b)));
  return { waveId, checkedAt, ok: mismatches.length === 0, totals, mismatches: mismatches.slice(0, 1000), mismatchCount: mismatches.length };
}
