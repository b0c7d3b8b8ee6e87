import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  clientKey,
  CONNECTION_HEADER,
  connectionHeaderValue,
  UNKNOWN_CLIENT,
} from '@/lib/platform/client-address';

/** A request as the server records it: connected from `connection`, with the headers it sent. */
function request(connection: string | null, forwardedFor?: string, extra: HeadersInit = {}) {
  const headers = new Headers(extra);
  if (connection !== null) headers.set(CONNECTION_HEADER, connectionHeaderValue(connection));
  if (forwardedFor !== undefined) headers.set('x-forwarded-for', forwardedFor);
  return headers;
}

describe("the client's address", () => {
  it('is the connection’s own with no trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('198.51.100.7'), 0)).toBe('198.51.100.7');
    expect(clientAddress(request('198.51.100.7', '203.0.113.1'), 0)).toBe('198.51.100.7');
    expect(clientAddress(request('::ffff:198.51.100.7', '203.0.113.1'), 0)).toBe('198.51.100.7');
  });

  it('is read that many hops from the right behind trusted proxies that append', () => {
    // nginx with $proxy_add_x_forwarded_for: what the client sent, then the address nginx saw.
    expect(clientAddress(request('10.0.0.2', 'forged, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(request('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.0.0.9'), 2)).toBe(
      '198.51.100.7',
    );
  });

  it('is the furthest known address when fewer proxies were passed than configured', () => {
    expect(clientAddress(request('198.51.100.7'), 1)).toBe('198.51.100.7');
  });

  it('is unknown when the connection was not recorded by this process, or a hop is garbage', () => {
    const forged = new Headers({ [CONNECTION_HEADER]: 'guess 203.0.113.1' });
    expect(clientAddress(forged, 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request(null, '203.0.113.1'), 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request('10.0.0.2', 'not-an-address'), 1)).toBe(UNKNOWN_CLIENT);
  });

  it('is what Vercel’s edge wrote, on Vercel', () => {
    expect(clientAddress(new Headers({ 'x-real-ip': '198.51.100.7' }), 'vercel')).toBe(
      '198.51.100.7',
    );
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.8' }), 'vercel')).toBe(
      '198.51.100.8',
    );
    expect(clientAddress(new Headers(), 'vercel')).toBe(UNKNOWN_CLIENT);
  });
});

describe('the key per-client limits count under', () => {
  it('is the IPv4 address, or the IPv6 /64 a client can rotate through', () => {
    expect(clientKey(request('198.51.100.7'), 0)).toBe('198.51.100.7');
    expect(clientKey(request('2001:db8:1:2:aaaa::1'), 0)).toBe('2001:db8:1:2::/64');
    expect(clientKey(request('2001:db8:1:2:bbbb:cccc:dddd:eeee'), 0)).toBe('2001:db8:1:2::/64');
    expect(clientKey(request('2001:db8::1'), 0)).toBe('2001:db8:0:0::/64');
    expect(clientKey(request(null), 0)).toBe(UNKNOWN_CLIENT);
  });
});
