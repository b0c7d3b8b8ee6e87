// The control API under /_emulator/: JSON in and out, no key, loopback callers only. It does what
// a Stripe test account's Dashboard would: show and resend webhook deliveries, break things on
// purpose, open disputes, raise early fraud warnings or fail refunds, and run the account's
// schedules now (expire a session, settle refunds, pay out) instead of waiting for real time. Time travel for billing is test clocks
// (/v1/test_helpers/test_clocks), as with Stripe: there is no global clock to move.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { settingsJson, withControlChanges } from '../balance/settings';
import type { EmulatorContext } from '../context';
import type { ApiFaults } from '../http/api';
import { StripeApiError } from '../http/errors';
import type { IdempotencyStore } from '../http/idempotency';
import { findCharge } from '../resources/charges';
import { closeDispute, findDispute, openDispute } from '../resources/disputes';
import { FRAUD_TYPES, raiseEarlyFraudWarning } from '../resources/early-fraud-warnings';
import { failRefund } from '../resources/refunds';
import { clearState } from '../state';
import { newEndpoint } from '../webhooks/endpoints';
import { clearFaults, setFaults } from './faults';
import { ControlError, type Json } from './control-error';
import { scheduleRoute } from './schedules';

export interface ControlDeps {
  ctx: EmulatorContext;
  apiFaults: ApiFaults;
  idempotency: IdempotencyStore;
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

// Ids in paths: charges, disputes, refunds, deliveries, Checkout Sessions, PaymentIntents.
const ID = /\/((?:ch|dp|re|whdel|cs_test|pi)_[A-Za-z0-9]+)/;

function route(
  deps: ControlDeps,
  method: string,
  path: string,
  input: Json,
  query: URLSearchParams,
): unknown {
  const { ctx } = deps;
  const key = `${method} ${path.replace(ID, '/:id')}`;
  const id = ID.exec(path)?.[1] ?? '';
  const scheduled = scheduleRoute(ctx, key, id, input);
  if (scheduled !== undefined) return scheduled;
  switch (key) {
    case 'POST /reset':
      clearState(ctx.state);
      ctx.dispatcher.reset();
      deps.idempotency.clear();
      clearFaults(deps);
      ctx.balance.settings = { ...ctx.balance.configured };
      ctx.changed();
      return { reset: true };
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
    case 'GET /balance/settings':
      return settingsJson(ctx.balance.settings);
    case 'POST /balance/settings':
      ctx.balance.settings = withControlChanges(ctx.balance.settings, input);
      return settingsJson(ctx.balance.settings);
    case 'GET /faults':
      return { deliveries: ctx.dispatcher.faults, api: deps.apiFaults };
    case 'POST /faults':
      return setFaults(deps, input);
    case 'DELETE /faults':
      return clearFaults(deps);
    case 'POST /charges/:id/dispute': {
      // `evidence_due_by` (unix seconds) opens a dispute whose response window is already over.
      const dueBy = input.evidence_due_by;
      if (dueBy !== undefined && (typeof dueBy !== 'number' || !Number.isInteger(dueBy)))
        throw new ControlError(400, '`evidence_due_by` must be a unix time in seconds.');
      return openDispute(
        ctx,
        findCharge(ctx, id),
        typeof input.reason === 'string' ? input.reason : 'fraudulent',
        'needs_response',
        dueBy,
      );
    }
    case 'POST /charges/:id/early-fraud-warning': {
      const fraudType = input.fraud_type ?? 'made_with_stolen_card';
      if (typeof fraudType !== 'string' || !(FRAUD_TYPES as readonly string[]).includes(fraudType))
        throw new ControlError(400, `\`fraud_type\` must be one of ${FRAUD_TYPES.join(', ')}.`);
      return raiseEarlyFraudWarning(ctx, findCharge(ctx, id), fraudType);
    }
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
      if (path === '/clock' || path.startsWith('/clock/')) throw noGlobalClock();
      throw new ControlError(404, `No control route ${method} /_emulator${path}`);
  }
}

// Callers of the removed global clock learn what replaced it, rather than a bare 404.
function noGlobalClock(): ControlError {
  return new ControlError(
    404,
    'The emulator has no global clock any more (it made every new Checkout Session invalid). ' +
      'Move billing through time with a test clock, as with Stripe: POST /v1/test_helpers/test_clocks, ' +
      'create the customer with test_clock, then POST /v1/test_helpers/test_clocks/:id/advance. ' +
      'Expire a session now with POST /_emulator/checkout/sessions/:id/expire; settle refunds with ' +
      'POST /_emulator/refunds/settle.',
  );
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
