import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { readBilingual } from '../domain/bilingual.js';
import { apiErrors, type ApiErrorCode } from '../domain/errors.js';

import { errorBodySchema, type ErrorBody, type ErrorExtra } from '../contract/errors.js';

export { errorBodySchema, type ErrorBody, type ErrorExtra };

export interface Issue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly issues?: Issue[],
    readonly extra?: ErrorExtra,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/**
 * What each refusal a store answers means to an API caller: one table, so a store's outcome always
 * becomes the same error code. (The store says `wave_not_open` of a submission to a wave not yet
 * open; the respondent is told `wave_scheduled`, with the opening time where the route has it.)
 */
export const storeRefusals = {
  not_found: 'wave_not_found',
  not_draft: 'wave_not_draft',
  launching: 'launch_in_progress',
  not_open: 'wave_not_open',
  wave_closed: 'wave_closed',
  wave_not_open: 'wave_scheduled',
} as const satisfies Record<string, ApiErrorCode>;

/** Throws the API error of a store's refusal; any other outcome passes through. */
export function refuseOn<T extends string>(outcome: T): Exclude<T, keyof typeof storeRefusals> {
  if (outcome in storeRefusals) throw new ApiError(storeRefusals[outcome as keyof typeof storeRefusals]);
  return outcome as Exclude<T, keyof typeof storeRefusals>;
}

/** Indonesian unless the client prefers English. */
export function preferredLanguage(c: Context): 'id' | 'en' {
  const header = c.req.header('accept-language') ?? '';
  return /^\s*en\b/i.test(header) ? 'en' : 'id';
}

export function errorResponse(c: Context, code: ApiErrorCode, issues?: Issue[], extra?: ErrorExtra) {
  const def = apiErrors[code];
  const body: ErrorBody = {
    error: { code, message: def.message[preferredLanguage(c)], messages: def.message, ...(issues ? { issues } : {}), ...extra },
  };
  return c.json(body, def.status as ContentfulStatusCode);
}

/** Field issues in the client's language (domain schemas carry both). */
export function zodIssues(error: z.ZodError, lang: 'id' | 'en' = 'id'): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: readBilingual(i.message)[lang] }));
}

/** The error responses every operation may give, for the OpenAPI document. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: describeStatus(s), content: { 'application/json': { schema: errorBodySchema } } },
    ]),
  );
}

function describeStatus(status: number): string {
  const codes = Object.entries(apiErrors)
    .filter(([, d]) => d.status === status)
    .map(([code]) => code);
  return codes.length ? codes.join(', ') : `HTTP ${status}`;
}
