import { useCallback, useEffect, useState } from 'react';
import { apiRequest, ApiRequestError } from './api-client.js';
import { useSession } from './session.js';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiRequestError } | { status: 'ready'; data: T };

/** GETs a staff API path with the signed-in person's token; `reload` fetches again; null waits. */
export function useStaffQuery<T>(path: string | null): QueryState<T> & { reload: () => void } {
  const session = useSession();
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    session
      .getIdToken()
      .then((token) => apiRequest<T>(path, { token, signal: controller.signal }))
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
  }, [path, session, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
