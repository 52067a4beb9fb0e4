import { apiErrors, type ApiErrorCode } from '../../domain/errors.js';
import type { LocalizedText } from '../../domain/text.js';
import type { z } from 'zod';

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

const unexpected: LocalizedText = {
  id: 'Jawaban server tidak sesuai dengan yang diharapkan halaman ini. Muat ulang halaman lalu coba lagi.',
  en: 'The server answered in a form this page does not expect. Reload the page and try again.',
};

type RequestInit = { method?: string; body?: unknown; token?: string | null; signal?: AbortSignal };

/** A response checked against the contract's schema: a page older or newer than the server says so instead of misreading it. */
function parsed<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new ApiRequestError(
      0,
      'unexpected_response',
      unexpected,
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** Calls the API; with `schema` (the contract's response schema) the answer is parsed with it. */
export async function apiRequest<S extends z.ZodType>(path: string, init: RequestInit & { schema: S }): Promise<z.output<S>>;
/** Without a schema: for answers that are not read (204s, fire-and-forget), and the respondent page, which stays without zod. */
export async function apiRequest<T = unknown>(path: string, init?: RequestInit): Promise<T>;
export async function apiRequest(path: string, init: RequestInit & { schema?: z.ZodType } = {}): Promise<unknown> {
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
  return init.schema ? parsed(init.schema, data) : data;
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
