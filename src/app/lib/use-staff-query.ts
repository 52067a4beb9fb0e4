import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { apiRequest, ApiRequestError } from './api-client.js';
import { useSession } from './session.js';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiRequestError } | { status: 'ready'; data: T };

/** A GET the SPA makes: its path and the contract's schema of the answer (each feature's api.ts). */
export interface StaffGet<S extends z.ZodType> {
  path: string;
  schema: S;
}

/**
 * GETs a staff API path with the signed-in person's token, parsing the answer with the contract's
 * schema; `reload` fetches again; null waits.
 */
export function useStaffQuery<S extends z.ZodType>(get: StaffGet<S> | null): QueryState<z.output<S>> & { reload: () => void } {
  type T = z.output<S>;
  const path = get?.path ?? null;
  const schema = get?.schema ?? null;
  const session = useSession();
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null || schema === null) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    session
      .getIdToken()
      .then((token) => apiRequest(path, { token, signal: controller.signal, schema }))
      .then(
        // A request aborted while its body was being read must not land as an empty answer.
        (data) => !controller.signal.aborted && setState({ status: 'ready', data }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({
            status: 'error',
            error: error instanceof ApiRequestError ? error : new ApiRequestError(0, 'internal', { id: String(error), en: String(error) }),
          });
        },
      );
    return () => controller.abort();
    // Schemas are module constants (each feature's api.ts): only a new path fetches again.
  }, [path, schema, session, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
