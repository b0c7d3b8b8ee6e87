// The /v1 front door: authentication, Request-Id, injected outages, idempotency, routing, and
// Stripe-shaped errors, in that order.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { API_VERSION } from '../context';
import { newId } from '../ids';
import { authenticationFailed, serverFault, StripeApiError, unrecognisedUrl } from './errors';
import { decodeForm } from './form-decoding';
import { fingerprintOf, type IdempotencyStore, type StoredResponse } from './idempotency';
import type { Route } from './routes';

/** "Answer 500 for a while": an outage in front of the API, set through the control API. */
export interface ApiFaults {
  failNext: number;
  failUntilMs: number;
  delayMs: number;
}

export function noApiFaults(): ApiFaults {
  return { failNext: 0, failUntilMs: 0, delayMs: 0 };
}

export interface ApiDeps {
  routes: Route[];
  idempotency: IdempotencyStore;
  faults: ApiFaults;
  log: (line: string) => void;
}

export async function handleApi(
  deps: ApiDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
): Promise<void> {
  const requestId = newId('req', 14);
  const method = req.method ?? 'GET';
  const send = (response: StoredResponse, replayed = false): void => {
    res.writeHead(response.status, {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
      'Stripe-Version': API_VERSION,
      ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    });
    res.end(response.body);
  };
  const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : undefined;
  const apiKey = bearerKey(req);
  if (apiKey === undefined || !apiKey.startsWith('sk_test_')) {
    res.setHeader('WWW-Authenticate', 'Bearer realm="Stripe"');
    return send(errorResponse(authenticationFailed(apiKey)));
  }
  if (isFaulted(deps.faults)) {
    deps.log(`api ${method} ${url.pathname} -> 500 (injected)`);
    return send(errorResponse(serverFault()));
  }
  const match = findRoute(deps.routes, method, url.pathname);
  if (!match) return send(errorResponse(unrecognisedUrl(method, url.pathname)));

  let replay: StoredResponse | null = null;
  if (idempotencyKey) {
    try {
      replay = deps.idempotency.begin(
        apiKey,
        idempotencyKey,
        fingerprintOf(method, url.pathname, body),
      );
    } catch (error) {
      return send(errorResponse(error));
    }
    if (replay) return send(replay, true);
  }
  // Injected latency stands for a slow execution, so it runs while the idempotency key is held.
  if (deps.faults.delayMs > 0)
    await new Promise((resolve) => setTimeout(resolve, deps.faults.delayMs));
  const started = performance.now();
  const params = method === 'POST' ? decodeForm(body) : decodeForm(url.search.slice(1));
  let response: StoredResponse;
  try {
    const result = match.route.handle({
      params,
      ids: match.ids,
      origin: { id: requestId, idempotency_key: idempotencyKey ?? null },
      path: url.pathname,
    });
    response = { status: 200, body: JSON.stringify(result) };
  } catch (error) {
    response = errorResponse(error);
    if (!(error instanceof StripeApiError))
      deps.log(`api ${method} ${url.pathname} crashed: ${String(error)}`);
  }
  // Time spent in the emulator itself, so benchmarks of the store can subtract it.
  res.setHeader('X-Emulator-Handler-Ms', (performance.now() - started).toFixed(3));
  if (idempotencyKey) deps.idempotency.finish(apiKey, idempotencyKey, response);
  deps.log(`api ${method} ${url.pathname} -> ${response.status}`);
  send(response);
}

function isFaulted(faults: ApiFaults): boolean {
  if (faults.failNext > 0) {
    faults.failNext -= 1;
    return true;
  }
  return Date.now() < faults.failUntilMs;
}

function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; ids: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found) return { route, ids: found.slice(1).map((part) => decodeURIComponent(part)) };
  }
  return undefined;
}

function errorResponse(error: unknown): StoredResponse {
  const apiError = error instanceof StripeApiError ? error : serverFault();
  if (!(error instanceof StripeApiError)) apiError.body.message = 'An unknown error occurred.';
  return { status: apiError.status, body: JSON.stringify(apiError) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Stripe takes the key as a Bearer token, or as the Basic-auth user name (curl -u sk_test_...:).
function bearerKey(req: IncomingMessage): string | undefined {
  const value = header(req, 'authorization');
  if (!value) return undefined;
  const [scheme, token = ''] = value.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return token.trim() || undefined;
  if (scheme?.toLowerCase() === 'basic') {
    return Buffer.from(token, 'base64').toString('utf8').split(':')[0] || undefined;
  }
  return value;
}
