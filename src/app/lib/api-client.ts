import { apiErrors, type ApiErrorCode } from '../../domain/errors.js';
import type { LocalizedText } from '../../domain/text.js';

/** An API error the UI can show in the person's language. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: LocalizedText,
    readonly issues: { path: string; message: string }[] = [],
    /** The whole error body, for errors that carry more (row reports, opening times). */
    readonly body: unknown = null,
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
  const data: unknown = await res.json().catch((err: unknown) => {
    // Aborted while the body was read: the caller asked to stop, not for an empty answer.
    if (init.signal?.aborted) throw err;
    return null;
  });
  if (!res.ok) {
    const error = (data as { error?: { code?: string; messages?: LocalizedText; issues?: { path: string; message: string }[] } } | null)
      ?.error;
    const code = error?.code ?? 'internal';
    const known = apiErrors[code as ApiErrorCode]?.message;
    throw new ApiRequestError(res.status, code, error?.messages ?? known ?? apiErrors.internal.message, error?.issues, data);
  }
  return data as T;
}

/** Uploads a file as the request body, reporting progress (fetch cannot report upload progress). */
export function apiUpload<T>(
  path: string,
  file: Blob,
  options: { token: string; contentType: string; onProgress?: (fraction: number) => void },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
    xhr.setRequestHeader('content-type', options.contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiRequestError(0, 'network', offline));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // non-JSON answer: reported below by status
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const error = (data as { error?: { code?: string; messages?: LocalizedText; issues?: { path: string; message: string }[] } } | null)?.error;
      reject(new ApiRequestError(xhr.status, error?.code ?? 'internal', error?.messages ?? apiErrors.internal.message, error?.issues, data));
    };
    xhr.send(file);
  });
}
