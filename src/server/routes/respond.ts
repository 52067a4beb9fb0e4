import { createRoute, z } from '@hono/zod-openapi';
import { invitationCodeSchema } from '../../domain/invitation-code.js';
import { relationshipSchema } from '../../domain/questionnaire.js';
import { wavePhase } from '../../domain/wave.js';
import { ApiError, errorResponses } from '../api-error.js';
import type { Api, AppDeps } from '../app.js';
import { hashCode } from '../waves/plan.js';

const openedSchema = z
  .object({
    wave: z.object({ name: z.string(), closesAt: z.string(), questionnaireVersion: z.string() }),
    tickets: z.array(
      z.object({ id: z.string(), rateeName: z.string(), rateeUnit: z.string(), rateePosition: z.string(), relationship: relationshipSchema }),
    ),
  })
  .meta({ id: 'OpenedInvitation' });

/**
 * Respondent endpoints. The code arrives only in the body (never a path or query, so never in a
 * log line), and nothing about the request is recorded.
 */
export function registerRespondRoutes(app: Api, deps: AppDeps): void {
  const now = () => deps.now?.() ?? new Date();

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
        200: { description: 'Invitation', content: { 'application/json': { schema: openedSchema } } },
        ...errorResponses(400, 404, 409, 410),
      },
    }),
    async (c) => {
      const parsed = invitationCodeSchema.safeParse(c.req.valid('json').code);
      if (!parsed.success) throw new ApiError('invitation_code_invalid');
      const invitation = await deps.store.findInvitationByCodeHash(hashCode(parsed.data));
      if (!invitation) throw new ApiError('invitation_unknown');
      const wave = await deps.store.getWave(invitation.waveId);
      if (!wave) throw new ApiError('invitation_unknown');
      const phase = wavePhase(wave, now());
      if (phase === 'closed') throw new ApiError('wave_closed');
      if (phase !== 'open') throw new ApiError('wave_scheduled', undefined, wave.opensAt ? { opensAt: wave.opensAt } : undefined);
      const [tickets, people, units] = await Promise.all([
        deps.store.listTicketsOfInvitation(invitation.id),
        deps.store.listEmployees(wave.agencyId),
        deps.store.listUnits(wave.agencyId),
      ]);
      const byNip = new Map(people.map((p) => [p.nip, p]));
      const unitName = new Map(units.map((u) => [u.id, u.name]));
      return c.json(
        {
          wave: { name: wave.name, closesAt: wave.closesAt, questionnaireVersion: wave.questionnaireVersion },
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
}
