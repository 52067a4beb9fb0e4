import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest, ApiRequestError } from '../../lib/api-client.js';
import { useSession } from '../../lib/session.js';

export interface Polled<T> {
  data: T | null;
  error: ApiRequestError | null;
  /** When the data on screen was fetched. */
  updatedAt: Date | null;
  refresh: () => void;
}

/** GETs `path` now and every `intervalMs` while `live`, keeping the last good data on screen. */
export function usePolling<T>(path: string, intervalMs: number, live: boolean): Polled<T> {
  const session = useSession();
  const [state, setState] = useState<{ data: T | null; error: ApiRequestError | null; updatedAt: Date | null }>({ data: null, error: null, updatedAt: null });
  const [tick, setTick] = useState(0);
  const inFlight = useRef(false);
  useEffect(() => {
    const controller = new AbortController();
    inFlight.current = true;
    session
      .getIdToken()
      .then((token) => apiRequest<T>(path, { token, signal: controller.signal }))
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
  }, [path, session, tick]);
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
