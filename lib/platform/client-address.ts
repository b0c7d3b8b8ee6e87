import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { env, trustedProxyHops, type TrustedProxyHops } from '@/lib/env';

/**
 * Who is asking: the one rule every per-client limit, hold and audit row uses. A client writes
 * any X-Forwarded-For it likes, so only the hops added by proxies the deployment trusts count,
 * read from the right, and without a proxy the connection's own address is the answer.
 */

/** Shared by every client whose address cannot be known: they are limited together, never apart. */
export const UNKNOWN_CLIENT = 'unknown';

/**
 * The header this process writes on every request with the connection's address. Next gives
 * application code no socket, so the server records it before Next sees the request.
 */
export const CONNECTION_HEADER = 'x-shopfront-connection';

// A client can send the header too (for instance while the server is still starting, before the
// recorder runs): only a value carrying this process's random token was written by the recorder.
const TOKEN = Symbol.for('shopfront.connection-token');
function processToken(): string {
  const store = globalThis as { [TOKEN]?: string };
  store[TOKEN] ??= crypto.randomUUID();
  return store[TOKEN];
}

/** The value the recorder writes for a connection from `address` (tests use it to be a client). */
export function connectionHeaderValue(address: string): string {
  return `${processToken()} ${address}`;
}

/**
 * Records each request's connection address in CONNECTION_HEADER, replacing whatever the client
 * sent. Node publishes `http.server.request.start` before the server's request handler runs
 * (https://nodejs.org/api/diagnostics_channel.html#http); instrumentation.ts calls this at start.
 */
export function recordConnectionAddresses(): void {
  const flag = Symbol.for('shopfront.connection-recorder');
  const store = globalThis as { [flag]?: boolean };
  if (store[flag]) return;
  store[flag] = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[CONNECTION_HEADER] = connectionHeaderValue(socket.remoteAddress ?? '');
  });
}

/**
 * The client's address. `hops` proxies each appended the address they were connected from to
 * X-Forwarded-For, and the last of them connected to us: the client is `hops` entries left of
 * the connection. On Vercel the edge overwrites X-Forwarded-For and X-Real-IP with the client's
 * address (https://vercel.com/docs/headers/request-headers), so that is read as it is.
 */
export function clientAddress(
  headers: Headers,
  hops: TrustedProxyHops = trustedProxyHops(env()),
): string {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops === 'vercel') return normalized(headers.get('x-real-ip') ?? forwarded.at(-1));
  const connection = recordedConnection(headers.get(CONNECTION_HEADER));
  if (!connection) return UNKNOWN_CLIENT;
  const chain = [...forwarded, connection];
  // Fewer hops than configured: the request did not come through every proxy, so the furthest
  // address we have is the best we know.
  return normalized(chain[Math.max(0, chain.length - 1 - hops)]);
}

/**
 * The key per-client limits count under: the address, or for IPv6 its /64, which is what one
 * customer's line is given (a client rotating through its own /64 is still one client).
 */
export function clientKey(headers: Headers, hops?: TrustedProxyHops): string {
  const address = clientAddress(headers, hops);
  if (isIP(address) !== 6) return address;
  const groups = expandIPv6(address).slice(0, 4);
  return `${groups.join(':')}::/64`;
}

function recordedConnection(value: string | null): string | null {
  const prefix = `${processToken()} `;
  return value?.startsWith(prefix) ? value.slice(prefix.length) : null;
}

function normalized(address: string | undefined): string {
  const bare = (address ?? '').trim().replace(/^\[(.*)\]$/, '$1');
  // An IPv4 client of a dual-stack socket shows as ::ffff:1.2.3.4: the same client as 1.2.3.4.
  const unmapped = bare.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return isIP(unmapped) ? unmapped.toLowerCase() : UNKNOWN_CLIENT;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = address.includes('::') ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map(
    (group) => group.replace(/^0+(?=.)/, '') || '0',
  );
}
