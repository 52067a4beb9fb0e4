import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { invitationCodeSchema } from '../../domain/invitation-code-schema.js';
import { questionnaires } from '../../domain/questionnaire.js';
import { answersSchemaFor, submissionDay, submissionSchema } from '../../domain/response.js';
import type { Invitation, Wave } from '../../domain/schema.js';
import { wavePhase } from '../../domain/wave.js';
import { makePads, sealWithPads, slotCount, slotPlaintexts } from '../../domain/sealing/elgamal.js';
import { jointKey } from '../../domain/sealing/ceremony.js';
import { paramsOf } from '../../domain/sealing/ceremony-state.js';
import { decodePoint, equal, sealingReady, type Point } from '../../domain/sealing/group.js';
import { answerCodes } from '../../domain/tally.js';
import { ApiError, errorResponse, errorResponses, preferredLanguage, refuseOn, zodIssues } from '../api-error.js';
import type { Api, AppDeps, RespondRateLimits } from '../app-types.js';
import { jsonBody, jsonResponse } from './kit.js';
import type { SurveyStore } from '../store/port.js';
import { hashCode, ticketOfCode } from '../waves/plan.js';
import { clientAddress, edgeAddress } from '../client-address.js';
import { openedInvitationSchema, submitResultSchema } from '../../contract/respond.js';


export const defaultRespondRateLimits: RespondRateLimits = { perMinute: 600, badCodesPer10Minutes: 30 };
/** How many clients' worth of requests one address in front of the nearest proxy may carry (a CDN address carries many). */
export const EDGE_LIMIT_FACTOR = 20;

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Not on a Node socket (app.request in tests).
    return undefined;
  }
}

/** Per key, the times of the last `limit` events within `windowMs`: how long until one more is allowed. */
class SlidingCounts {
  private readonly times = new Map<string, number[]>();
  /** Size at which expired keys are swept: doubles with what survives, so a sweep is never per hit. */
  private sweepAt = 10_000;

  constructor(
    private readonly windowMs: number,
    private readonly limit: number,
  ) {}

  /** Records an event; returns 0 while within the limit, else the milliseconds until the oldest expires. */
  hit(key: string, at: number): number {
    if (this.times.size > this.sweepAt) {
      for (const [k, t] of this.times) if (t.at(-1)! <= at - this.windowMs) this.times.delete(k);
      this.sweepAt = Math.max(10_000, 2 * this.times.size);
    }
    const list = (this.times.get(key) ?? []).filter((t) => t > at - this.windowMs);
    list.push(at);
    // Only the last `limit` + 1 matter; older ones would expire first anyway.
    if (list.length > this.limit + 1) list.splice(0, list.length - this.limit - 1);
    this.times.set(key, list);
    return list.length > this.limit ? list[0]! + this.windowMs - at : 0;
  }
}

async function openWave(store: SurveyStore, rawCode: string, now: Date): Promise<{ invitation: Invitation; wave: Wave; code: string }> {
  const parsed = invitationCodeSchema.safeParse(rawCode);
  if (!parsed.success) throw new ApiError('invitation_code_invalid');
  const invitation = await store.findInvitationByCodeHash(hashCode(parsed.data));
  if (!invitation) throw new ApiError('invitation_unknown');
  const wave = await store.getWave(invitation.waveId);
  if (!wave) throw new ApiError('invitation_unknown');
  const phase = wavePhase(wave, now);
  if (phase === 'closed') throw new ApiError('wave_closed');
  if (phase !== 'open') throw new ApiError('wave_scheduled', undefined, wave.opensAt ? { opensAt: wave.opensAt } : undefined);
  return { invitation, wave, code: parsed.data };
}

/**
 * Respondent endpoints. The code arrives only in the body (never a path or query, so never in a
 * log line), and nothing about the request is recorded.
 */
export function registerRespondRoutes(app: Api, deps: AppDeps): void {
  const now = () => deps.now?.() ?? new Date();
  // A wave's joint key never changes once it is launched.
  const keys = new Map<string, Promise<Point>>();
  const keyOf = (waveId: string) => {
    let key = keys.get(waveId);
    if (!key) {
      key = (async () => {
        await sealingReady();
        const seal = await deps.store.getWaveSeal(waveId);
        if (!seal) throw new ApiError('wave_unsealed');
        // The key is the ceremony's, re-derived from its public record: a key written into the
        // store in its place would seal answers to whoever wrote it.
        const ceremony = await deps.store.getCeremony(seal.ceremonyId);
        if (!ceremony || ceremony.status !== 'complete') throw new ApiError('wave_unsealed');
        const key = jointKey(paramsOf(ceremony), ceremony.commitments);
        if (!equal(key, decodePoint(seal.jointKey))) throw new ApiError('wave_unsealed');
        return key;
      })();
      key.catch(() => keys.delete(waveId));
      keys.set(waveId, key);
    }
    return key;
  };
  const limits = deps.respondRateLimits ?? defaultRespondRateLimits;
  const clientKey = (c: Context) => clientAddress(c.req.header('x-forwarded-for'), socketAddress(c), deps.trustedProxies ?? 0);
  const edgeKey = (c: Context) => edgeAddress(c.req.header('x-forwarded-for'), socketAddress(c), deps.trustedProxies ?? 0);
  const tooMany = (c: Context) => errorResponse(c, 'rate_limited');
  app.use(
    '/api/respond/*',
    rateLimiter({ windowMs: 60_000, limit: limits.perMinute, keyGenerator: clientKey, handler: tooMany, standardHeaders: 'draft-6' }),
  );
  // The function's own URL skips Hosting, so its caller writes the entry counted above and could
  // change it on every request. The address that reached the nearest proxy cannot be written: behind
  // Hosting it is a CDN address shared by many clients, hence the loose limit.
  if ((deps.trustedProxies ?? 0) > 0) {
    app.use('/api/respond/*', rateLimiter({ windowMs: 60_000, limit: limits.perMinute * EDGE_LIMIT_FACTOR, keyGenerator: edgeKey, handler: tooMany }));
  }
  // Unknown codes per network, over a sliding 10 minutes. Past the limit only unknown codes are
  // refused: an office behind one address keeps opening its real links whatever its typos. This
  // does not weaken guessing resistance, which is the 130-bit code space (2¹³⁰ codes at 600 tries a
  // minute per network is forever): it keeps floods of bad codes short and says so plainly.
  const badCodes = new SlidingCounts(10 * 60_000, limits.badCodesPer10Minutes);
  const edgeBadCodes = new SlidingCounts(10 * 60_000, limits.badCodesPer10Minutes * EDGE_LIMIT_FACTOR);
  app.use('/api/respond/*', async (c, next) => {
    await next();
    const code = c.error instanceof ApiError ? c.error.code : null;
    if (code !== 'invitation_unknown' && code !== 'invitation_code_invalid') return;
    const at = now().getTime();
    const wait = Math.max(badCodes.hit(clientKey(c), at), edgeBadCodes.hit(edgeKey(c), at));
    if (wait > 0) {
      c.res = errorResponse(c, 'unknown_codes_limited');
      c.res.headers.set('Retry-After', String(Math.ceil(wait / 1000)));
    }
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/respond/open',
      operationId: 'openInvitation',
      tags: ['respond'],
      summary: 'Open a personal link: the wave and the colleagues still to rate',
      request: {
        body: { required: true, content: { 'application/json': { schema: z.object({ code: z.string().max(64) }).strict() } } },
      },
      responses: {
        200: jsonResponse('Invitation', openedInvitationSchema),
        ...errorResponses(400, 404, 409, 410, 429),
      },
    }),
    async (c) => {
      const { invitation, wave } = await openWave(deps.store, c.req.valid('json').code, now());
      const tickets = await deps.store.listTicketsOfInvitation(invitation.id);
      // Only the people and units this rater's tickets name: the same cost in any size of agency.
      const people = await deps.store.getEmployees(wave.agencyId, [...new Set(tickets.map((t) => t.rateeNip))]);
      const units = await deps.store.getUnits(wave.agencyId, [...new Set(people.map((p) => p.unitId))]);
      const byNip = new Map(people.map((p) => [p.nip, p]));
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      return c.json(
        {
          wave: {
            name: wave.name,
            closesAt: wave.closesAt,
            questionnaireVersion: wave.questionnaireVersion,
            anonymityThreshold: wave.settings.anonymityThreshold,
          },
          tickets: tickets.map((t) => {
            const ratee = byNip.get(t.rateeNip);
            return {
              id: t.id,
              rateeName: ratee?.name ?? '',
              rateeUnit: (ratee && unitName.get(ratee.unitId)) ?? '',
              rateePosition: ratee?.position ?? '',
              relationship: t.relationship,
            };
          }),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/respond/submit',
      operationId: 'submitResponse',
      tags: ['respond'],
      summary: 'Send the answers for one colleague: consumes the ticket and records the response atomically',
      description:
        'Safe to retry: when the ticket is already used by this link (the first attempt succeeded but its reply was lost) the answer is 200 with status "already_recorded". ' +
        'A ticket that was never this link\'s is 404 ticket_unknown.',
      request: { body: jsonBody(submissionSchema) },
      responses: {
        200: jsonResponse('Recorded (now or by an earlier attempt)', submitResultSchema),
        ...errorResponses(400, 404, 409, 410, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const at = now();
      const { invitation, wave, code } = await openWave(deps.store, body.code, at);
      const questionnaire = questionnaires[wave.questionnaireVersion];
      if (!questionnaire || body.questionnaireVersion !== wave.questionnaireVersion) throw new ApiError('questionnaire_changed');
      const answers = answersSchemaFor(questionnaire).safeParse(body.answers);
      if (!answers.success) throw new ApiError('answers_incomplete', zodIssues(answers.error, preferredLanguage(c)));
      // Sealed here, on arrival: the plaintext answers exist only in this request's memory, and
      // only ciphertexts go on to the store (and its writer thread).
      const key = await keyOf(wave.id);
      const sealed = sealWithPads(deps.pads?.take(key, slotCount) ?? makePads(key, slotCount), slotPlaintexts(questionnaire, answerCodes(questionnaire, answers.data)));
      const outcome = refuseOn(
        await deps.store.recordResponse(
          invitation.id,
          body.ticketId,
          { id: randomBytes(16).toString('base64url'), questionnaireVersion: wave.questionnaireVersion, sealed, day: submissionDay(at) },
          at.toISOString(),
        ),
      );
      // Gone: used by this link before (a retry whose first reply was lost), or never this link's.
      if (outcome === 'ticket_gone' && !ticketOfCode(code, body.ticketId)) throw new ApiError('ticket_unknown');
      return c.json({ status: outcome === 'recorded' ? ('recorded' as const) : ('already_recorded' as const) }, 200);
    },
  );
}
