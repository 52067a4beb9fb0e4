import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Wave } from '../../domain/schema.js';
import { errorResponses } from '../api-error.js';
import type { Api, ApiEnv, AppDeps } from '../app-types.js';
import type { requireStaff, requireStaffOrTrustee, Staff } from '../auth.js';
import { tableFileResponse } from '../table-file.js';
import { waveFor, waveParams } from '../waves/wave-for.js';
import { jsonBody, jsonResponse, security } from './kit.js';

/* A staff operation is declared once, as data, and answered by one function of what was parsed. */

type Guard = ReturnType<typeof requireStaff> | ReturnType<typeof requireStaffOrTrustee>;
type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

type Params = z.ZodObject | undefined;
type Body = z.ZodType | undefined;

export interface OperationSpec<P extends Params, Q extends Params, B extends Body> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Who may call it: the role check runs before anything is parsed. */
  guard: Guard;
  params?: P;
  query?: Q;
  /** A JSON request body. */
  body?: B;
  /** Error statuses the operation may answer, for the OpenAPI document. */
  errors: number[];
}

export interface JsonOperationSpec<P extends Params, Q extends Params, B extends Body, S> extends OperationSpec<P, Q, B> {
  ok: { status?: 200 | 201 | 202; description: string; schema: S };
}

/** What the answering function receives: the caller and every part of the request, parsed. */
export interface Call<P, Q, B> {
  staff: Staff;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  now: Date;
  c: Context<ApiEnv>;
}

/** Wave operations: `{waveId}` in the path, the wave loaded and the caller's agency checked. */
export type WaveCall<P, Q, B> = Call<P, Q, B> & { wave: Wave };

type Validated = { valid(target: 'param' | 'query' | 'json'): unknown };

/** The operations of one sub-app (`tag` in the OpenAPI document). */
export function staffOperations(app: Api, deps: AppDeps, tag: string) {
  const now = () => deps.now?.() ?? new Date();

  const register = <P extends Params, Q extends Params, B extends Body>(spec: OperationSpec<P, Q, B>, ok: Record<number, unknown>, answer: (call: Call<P, Q, B>) => Promise<Response>) => {
    const request = {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: jsonBody(spec.body) } : {}),
    };
    const route = createRoute({
      method: spec.method,
      path: spec.path,
      operationId: spec.operationId,
      tags: [tag],
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      security,
      middleware: [spec.guard] as const,
      ...(Object.keys(request).length ? { request } : {}),
      responses: { ...ok, ...errorResponses(...spec.errors) } as Parameters<typeof createRoute>[0]['responses'],
    });
    // The route's own request types are generic here; `Call` carries them to the answering function instead.
    app.openapi(route, (async (c: Context<ApiEnv>) => {
      const req = c.req as unknown as Validated;
      return answer({
        staff: c.var.staff as Staff,
        params: (spec.params ? req.valid('param') : undefined) as Parsed<P>,
        query: (spec.query ? req.valid('query') : undefined) as Parsed<Q>,
        body: (spec.body ? req.valid('json') : undefined) as Parsed<B>,
        now: now(),
        c,
      });
    }) as never);
  };

  const withWave = async <P extends Params, Q extends Params, B extends Body>(call: Call<P, Q, B>): Promise<WaveCall<P, Q, B>> => {
    const { waveId } = call.params as { waveId: string };
    return { ...call, wave: await waveFor(deps.store, call.staff, waveId) };
  };

  const jsonOk = <S extends z.ZodType>(ok: { status?: 200 | 201 | 202; description: string; schema: S }) => ({
    [ok.status ?? 200]: jsonResponse(ok.description, ok.schema),
  });

  return {
    /** Answers with a JSON body of `ok.schema`. */
    json<S extends z.ZodType, P extends Params = undefined, Q extends Params = undefined, B extends Body = undefined>(
      spec: JsonOperationSpec<P, Q, B, S>,
      answer: (call: Call<P, Q, B>) => Promise<z.input<S>> | z.input<S>,
    ): void {
      register(spec, jsonOk(spec.ok), async (call) => call.c.json(await answer(call), spec.ok.status ?? 200));
    },
    /** `json` for a path under `/api/waves/{waveId}`: the answering function gets the wave. */
    wave<S extends z.ZodType, P extends z.ZodObject = typeof waveParams, Q extends Params = undefined, B extends Body = undefined>(
      spec: Omit<JsonOperationSpec<P, Q, B, S>, 'params'> & { params?: P },
      answer: (call: WaveCall<P, Q, B>) => Promise<z.input<S>> | z.input<S>,
    ): void {
      const full = { ...spec, params: spec.params ?? (waveParams as unknown as P) };
      register(full, jsonOk(spec.ok), async (call) => call.c.json(await answer(await withWave(call)), spec.ok.status ?? 200));
    },
    /** A wave's table as a CSV or XLSX download. */
    waveFile<Q extends z.ZodObject>(spec: Omit<OperationSpec<typeof waveParams, Q, undefined>, 'params' | 'body'>, answer: (call: WaveCall<typeof waveParams, Q, undefined>) => Promise<Response>): void {
      register<typeof waveParams, Q, undefined>({ ...spec, params: waveParams }, { 200: tableFileResponse }, async (call) => answer(await withWave(call)));
    },
  };
}
