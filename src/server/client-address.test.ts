import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

describe('clientAddress', () => {
  it('ignores X-Forwarded-For without a trusted proxy: a client could write anything there', () => {
    expect(clientAddress('10.9.9.9', '203.0.113.7', 0)).toBe('203.0.113.7');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });

  it('takes the entry the first trusted proxy appended, whatever the client claimed before it', () => {
    // One proxy (say nginx): it appends the client's address.
    expect(clientAddress('203.0.113.7', '127.0.0.1', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.9.9.9, 203.0.113.7', '127.0.0.1', 1)).toBe('203.0.113.7');
    // Two proxies (a CDN, then a load balancer): the client is second from the end.
    expect(clientAddress('10.9.9.9, 10.8.8.8, 203.0.113.7, 198.51.100.1', '35.191.0.1', 2)).toBe('203.0.113.7');
    expect(clientAddress(' 203.0.113.7 ,198.51.100.1 ', '35.191.0.1', 2)).toBe('203.0.113.7');
  });

  it('falls back to the leftmost entry, then the socket, when the header is shorter or missing', () => {
    expect(clientAddress('203.0.113.7', '35.191.0.1', 2)).toBe('203.0.113.7');
    expect(clientAddress(undefined, '35.191.0.1', 2)).toBe('35.191.0.1');
    expect(clientAddress(' , ', '35.191.0.1', 1)).toBe('35.191.0.1');
  });
});
