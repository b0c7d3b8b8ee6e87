// The control API under /_emulator/: JSON in and out, no key, loopback callers only. It does what
// a Stripe test account's dashboard and test clocks would: move time, show and resend webhook
// deliveries, break things on purpose, and open disputes or fail refunds.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './context';
import type { ApiFaults } from './http/api';
import { StripeApiError } from './http/errors';
import type { IdempotencyStore } from './http/idempotency';
import { findCharge } from './resources/charges';
import { closeDispute, findDispute, openDispute } from './resources/disputes';
import { failRefund } from './resources/refunds';
import { clearState } from './state';
import { applyTimePassing } from './time-passing';
import { newEndpoint } from './webhooks/endpoints';
import { noDeliveryFaults } from './webhooks/faults';

export interface ControlDeps {
  ctx: EmulatorContext;
  apiFaults: ApiFaults;
  idempotency: IdempotencyStore;
}

type Json = Record<string, unknown>;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function handleControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: string,
): Promise<void> {
  const send = (status: number, value: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  if (!isLoopback(req.socket.remoteAddress))
    return send(403, { error: { message: 'The control API answers loopback callers only.' } });
  try {
    const input = body ? (JSON.parse(body) as Json) : {};
    send(
      200,
      route(
        deps,
        req.method ?? 'GET',
        path.replace(/^\/_emulator/, ''),
        input,
        new URL(req.url ?? '/', 'http://x').searchParams,
      ),
    );
  } catch (error) {
    if (error instanceof ControlError)
      return send(error.status, { error: { message: error.message } });
    if (error instanceof StripeApiError) return send(error.status, error.toJSON());
    send(400, { error: { message: String((error as Error).message) } });
  }
}

function route(
  deps: ControlDeps,
  method: string,
  path: string,
  input: Json,
  query: URLSearchParams,
): unknown {
  const { ctx } = deps;
  const key = `${method} ${path.replace(/\/(ch|dp|re|whdel)_[A-Za-z0-9]+/, '/:id')}`;
  const id = /\/((?:ch|dp|re|whdel)_[A-Za-z0-9]+)/.exec(path)?.[1] ?? '';
  switch (key) {
    case 'POST /reset':
      clearState(ctx.state);
      ctx.dispatcher.reset();
      deps.idempotency.clear();
      Object.assign(deps.apiFaults, { failNext: 0, failUntilMs: 0, delayMs: 0 });
      ctx.changed();
      return { reset: true };
    case 'GET /clock':
      return { now: ctx.clock.now(), offset_seconds: ctx.state.clockOffsetSeconds };
    case 'POST /clock/advance': {
      const seconds = Number(input.seconds ?? 0);
      if (!Number.isFinite(seconds) || seconds < 0)
        throw new ControlError(400, '`seconds` must be a non-negative number.');
      ctx.clock.advance(Math.floor(seconds));
      applyTimePassing(ctx);
      ctx.changed();
      return { now: ctx.clock.now(), offset_seconds: ctx.state.clockOffsetSeconds };
    }
    case 'GET /deliveries': {
      const eventId = query.get('event_id');
      const all = [...ctx.dispatcher.deliveries.values()];
      return { data: eventId ? all.filter((delivery) => delivery.eventId === eventId) : all };
    }
    case 'POST /deliveries/:id/resend': {
      const delivery = ctx.dispatcher.resend(id);
      if (!delivery) throw new ControlError(404, `No such delivery: '${id}'`);
      return delivery;
    }
    case 'GET /webhook-endpoints':
      return { data: [...ctx.dispatcher.endpoints.values()] };
    case 'POST /webhook-endpoints': {
      if (typeof input.url !== 'string') throw new ControlError(400, '`url` is required.');
      const events = Array.isArray(input.enabled_events)
        ? input.enabled_events.map(String)
        : undefined;
      const endpoint = newEndpoint(
        input.url,
        typeof input.secret === 'string' ? input.secret : undefined,
        events,
      );
      ctx.dispatcher.endpoints.set(endpoint.id, endpoint);
      return endpoint;
    }
    case 'GET /faults':
      return { deliveries: ctx.dispatcher.faults, api: deps.apiFaults };
    case 'POST /faults':
      return setFaults(deps, input);
    case 'DELETE /faults':
      ctx.dispatcher.faults = noDeliveryFaults();
      Object.assign(deps.apiFaults, { failNext: 0, failUntilMs: 0, delayMs: 0 });
      return { deliveries: ctx.dispatcher.faults, api: deps.apiFaults };
    case 'POST /charges/:id/dispute':
      return openDispute(
        ctx,
        findCharge(ctx, id),
        typeof input.reason === 'string' ? input.reason : 'fraudulent',
      );
    case 'POST /disputes/:id/close': {
      const status = input.status;
      if (status !== 'won' && status !== 'lost' && status !== 'warning_closed') {
        throw new ControlError(400, '`status` must be one of won, lost, warning_closed.');
      }
      const dispute = findDispute(ctx, id);
      closeDispute(ctx, dispute, status);
      return dispute;
    }
    case 'POST /charges/:id/fail-refund': {
      findCharge(ctx, id);
      const refunds = [...ctx.state.refunds.values()].filter(
        (refund) =>
          refund.charge === id && (refund.status === 'succeeded' || refund.status === 'pending'),
      );
      const refund =
        typeof input.refund === 'string'
          ? refunds.find((r) => r.id === input.refund)
          : refunds.at(-1);
      if (!refund) throw new ControlError(404, `Charge ${id} has no refund that can fail.`);
      failRefund(ctx, refund);
      return refund;
    }
    default:
      throw new ControlError(404, `No control route ${method} /_emulator${path}`);
  }
}

function setFaults(deps: ControlDeps, input: Json): unknown {
  const deliveries = (input.deliveries ?? {}) as Json;
  const api = (input.api ?? {}) as Json;
  const count = (value: unknown): number =>
    typeof value === 'number' && value >= 0 ? Math.floor(value) : 0;
  if (input.deliveries !== undefined) {
    deps.ctx.dispatcher.faults = {
      remaining: count(deliveries.count ?? 1),
      duplicate: count(deliveries.duplicate),
      delayMs: count(deliveries.delay_ms),
      dropFirstAttempt: deliveries.drop_first_attempt === true,
      shuffleWindowMs: count(deliveries.shuffle_window_ms),
    };
  }
  if (input.api !== undefined) {
    deps.apiFaults.failNext = count(api.fail_next);
    deps.apiFaults.failUntilMs =
      api.fail_for_ms === undefined ? 0 : Date.now() + count(api.fail_for_ms);
    deps.apiFaults.delayMs = count(api.delay_ms);
  }
  return { deliveries: deps.ctx.dispatcher.faults, api: deps.apiFaults };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
