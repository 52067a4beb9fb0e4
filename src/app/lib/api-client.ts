import { apiErrors, type ApiErrorCode } from '../../domain/errors.js';
import type { LocalizedText } from '../../domain/text.js';

/** An API error the UI can show in the person's language. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: LocalizedText,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(messages.en);
    this.name = 'ApiRequestError';
  }
}

const offline: LocalizedText = {
  id: 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.',
  en: 'Cannot reach the server. Check your connection and try again.',
};

export async function apiRequest<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: 'omit',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', offline);
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; messages?: LocalizedText; issues?: { path: string; message: string }[] } } | null)
      ?.error;
    const code = error?.code ?? 'internal';
    const known = apiErrors[code as ApiErrorCode]?.message;
    throw new ApiRequestError(res.status, code, error?.messages ?? known ?? apiErrors.internal.message, error?.issues);
  }
  return data as T;
}
