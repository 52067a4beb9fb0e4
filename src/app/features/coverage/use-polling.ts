import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { apiRequest, ApiRequestError } from '../../lib/api-client.js';
import { useSession } from '../../lib/session.js';
import type { StaffGet } from '../../lib/use-staff-query.js';

export interface Polled<T> {
  data: T | null;
  error: ApiRequestError | null;
  /** When the data on screen was fetched. */
  updatedAt: Date | null;
  refresh: () => void;
}

/** GETs `get` now and every `intervalMs` while `live`, keeping the last good data on screen. */
export function usePolling<S extends z.ZodType>(get: StaffGet<S>, intervalMs: number, live: boolean): Polled<z.output<S>> {
  type T = z.output<S>;
  const { path, schema } = get;
  const session = useSession();
  const [state, setState] = useState<{ data: T | null; error: ApiRequestError | null; updatedAt: Date | null }>({ data: null, error: null, updatedAt: null });
  const [tick, setTick] = useState(0);
  const inFlight = useRef(false);
  useEffect(() => {
    const controller = new AbortController();
    inFlight.current = true;
    session
      .getIdToken()
      .then((token) => apiRequest(path, { token, signal: controller.signal, schema }))
      .then(
        (data) => setState({ data, error: null, updatedAt: new Date() }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const e = error instanceof ApiRequestError ? error : new ApiRequestError(0, 'internal', { id: String(error), en: String(error) });
          setState((s) => ({ ...s, error: e }));
        },
      )
      .finally(() => (inFlight.current = false));
    return () => controller.abort();
  }, [path, schema, session, tick]);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      // Hidden tabs and slow answers do not pile up requests.
      if (!document.hidden && !inFlight.current) setTick((n) => n + 1);
    }, intervalMs);
    return () => clearInterval(timer);
  }, [live, intervalMs]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, refresh };
}
