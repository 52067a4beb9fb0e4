/*
 * Security headers for the pages and their files, the same from the Node server and from
 * Firebase Hosting (firebase.json holds the copy for Hosting; a test ties the two). The pages
 * load no inline script or style; the trustee's Web Worker compiles libsodium's WebAssembly
 * ('wasm-unsafe-eval', which allows WebAssembly and nothing like eval); Firebase Auth's REST
 * endpoints are the only other origins the staff app talks to.
 */

const firebaseAuthOrigins = ['https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com'];

/** The headers for every page and static file; `authEmulatorHost` (local only) is allowed to connect too. */
export function pageHeaders(authEmulatorHost: string | null): Record<string, string> {
  const connect = ["'self'", ...firebaseAuthOrigins, ...(authEmulatorHost ? [`http://${authEmulatorHost}`] : [])];
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), bluetooth=(), serial=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
