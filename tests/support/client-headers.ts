import { CONNECTION_HEADER, connectionHeaderValue } from '@/lib/platform/client-address';

/**
 * Request headers as the store's server records them for a client connected from `address` with
 * no proxy in front (the default): what per-client limits and audit rows read.
 */
export function clientHeaders(address: string, init: HeadersInit = {}): Headers {
  const headers = new Headers(init);
  headers.set(CONNECTION_HEADER, connectionHeaderValue(address));
  return headers;
}
