/**
 * The address rate limits count a respondent by (held in memory only, never logged or stored).
 *
 * X-Forwarded-For is written by whoever sends the request, then each proxy appends the address it
 * received the request from. With `trustedProxies` proxies in front of this server, the last of
 * them connects to it directly and the entry it appended, the trustedProxies-th from the end, is
 * the client as the first trusted proxy saw it; everything left of that is the client's own
 * claim. With no trusted proxy the header is ignored: anyone could set it to dodge the limits.
 */
/** The header's entries, left (the client's own claim) to right (appended by the nearest proxy). */
const forwardedEntries = (forwardedFor: string) =>
  forwardedFor
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);

export function clientAddress(forwardedFor: string | undefined, socketAddress: string | undefined, trustedProxies: number): string {
  if (trustedProxies > 0 && forwardedFor) {
    const entries = forwardedEntries(forwardedFor);
    // Fewer entries than proxies: the request skipped a proxy, and the leftmost is the best there is.
    const entry = entries[Math.max(0, entries.length - trustedProxies)];
    if (entry) return entry;
  }
  return socketAddress ?? 'unknown';
}

/**
 * The address the nearest proxy received the request from: the last X-Forwarded-For entry (or
 * the socket's). No caller can forge it. Behind Hosting it is a CDN address that many clients share;
 * for a caller of the function's own URL, which skips Hosting, it is that caller, whatever it wrote
 * left of it. A loose limit on this address bounds what forged entries can win.
 */
export function edgeAddress(forwardedFor: string | undefined, socketAddress: string | undefined, trustedProxies: number): string {
  if (trustedProxies > 0 && forwardedFor) {
    const last = forwardedEntries(forwardedFor).at(-1);
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}
