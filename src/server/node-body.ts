import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';

/** application/json, or any +json type, with or without parameters. */
export const jsonContentType = /^application\/([\w.-]+\+)?json\b/i;

/**
 * The body limit for JSON on Node: a body with a declared length goes to Hono straight from the
 * socket instead of through a web Request and ReadableStream, which cost more than the rest of a
 * submission. Anything else (chunked, other adapters) takes `fallback`, Hono's own body limit.
 * Cloud Functions has already read the body into `rawBody`.
 */
export function nodeJsonBody(options: { maxSize: number; onError: (c: Context) => Response; fallback: MiddlewareHandler }): MiddlewareHandler {
  return async (c, next) => {
    // No body to limit; asking Hono's limit would build a web Request just to find none.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const incoming = (c.env as { incoming?: IncomingMessage & { rawBody?: unknown } } | undefined)?.incoming;
    const length = c.req.header('content-length');
    if (
      !incoming ||
      length === undefined ||
      c.req.header('transfer-encoding') !== undefined ||
      !jsonContentType.test(c.req.header('content-type') ?? '')
    ) {
      return options.fallback(c, next);
    }
    if (!/^\d+$/.test(length) || Number(length) > options.maxSize) return options.onError(c);
    // Hono keeps the pending read here (typed as the value, stored as its promise).
    (c.req.bodyCache as { text?: Promise<string> }).text =
      incoming.rawBody instanceof Buffer ? Promise.resolve(incoming.rawBody.toString('utf8')) : readText(incoming);
    await next();
  };
}

/** Node's HTTP parser already stops a body at its declared Content-Length. */
function readText(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', reject);
  });
}
