import { errorBodySchema, type ErrorExtra } from '../../contract/errors.js';
import { apiErrors } from '../../domain/errors.js';
import type { LocalizedText } from '../../domain/text.js';
import type { z } from 'zod';

/** An API error the UI can show in the person's language. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: LocalizedText,
    readonly issues: { path: string; message: string }[] = [],
    /** What some errors carry besides their message (a file's row problems, an opening time). */
    readonly extra: ErrorExtra = {},
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

/**
 * A response checked against the contract's schema: a page older or newer than the server says so
 * instead of misreading it. It keeps the answer's HTTP status: status 0 means offline, and this is
 * not (a retry would get the same answer).
 */
function parsed<S extends z.ZodType>(schema: S, data: unknown, status: number): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new ApiRequestError(
      status,
      'unexpected_response',
      unexpected,
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** An error answer as the contract's error body says, or the generic error when the body is not one. */
function errorOf(status: number, data: unknown): ApiRequestError {
  const body = errorBodySchema.safeParse(data);
  if (!body.success) return new ApiRequestError(status, 'internal', apiErrors.internal.message);
  const { code, messages, issues, rows, rowsTotal, rowsMore, opensAt } = body.data.error;
  return new ApiRequestError(status, code, messages, issues, { rows, rowsTotal, rowsMore, opensAt });
}

/** Calls the API; the answer is parsed with `schema`, the contract's schema of it. */
export async function apiRequest<S extends z.ZodType>(path: string, init: RequestInit & { schema: S }): Promise<z.output<S>> {
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
  if (!res.ok) throw errorOf(res.status, data);
  return parsed(init.schema, data, res.status);
}

/** Uploads a file as the request body, reporting progress (fetch cannot report upload progress); the answer is parsed with `schema`. */
export function apiUpload<S extends z.ZodType>(
  path: string,
  file: Blob,
  options: { token: string; contentType: string; schema: S; onProgress?: (fraction: number) => void },
): Promise<z.output<S>> {
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
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorOf(xhr.status, data));
      try {
        resolve(parsed(options.schema, data, xhr.status));
      } catch (err) {
        reject(err);
      }
    };
    xhr.send(file);
  });
}
