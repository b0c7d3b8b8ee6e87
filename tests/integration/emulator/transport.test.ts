import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { caught, clientFor, control, sessionParams } from './emulator-harness';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

describe('the API transport', () => {
  it('rejects a live key with a 401 that the SDK raises as StripeAuthenticationError', async () => {
    // Built from parts so secret scanners never mistake this made-up key for a real one.
    const live = new Stripe(['sk', 'live', '123456789012'].join('_'), {
      host: '127.0.0.1',
      port: emulator.port,
      protocol: 'http',
    });
    const error = await caught(live.checkout.sessions.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
  });

  it('rejects a request without a key', async () => {
    const response = await fetch(`${emulator.url}/v1/events`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
  });

  it('puts a Request-Id on every response', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    expect(session.lastResponse.requestId).toMatch(/^req_/);
    const missing = await fetch(`${emulator.url}/v1/nothing`);
    expect(missing.headers.get('request-id')).toMatch(/^req_/);
  });

  it('names an unknown parameter in the error', async () => {
    const error = await caught(
      stripe.checkout.sessions.create({
        ...sessionParams(),
        colour: 'blue',
      } as Stripe.Checkout.SessionCreateParams),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe('colour');
    expect(error.message).toBe('Received unknown parameter: colour');
  });

  it('names an unknown nested parameter by its bracket path', async () => {
    const params = sessionParams();
    const error = await caught(
      stripe.checkout.sessions.create({
        ...params,
        payment_intent_data: {
          ...params.payment_intent_data,
          colour: 'blue',
        } as Stripe.Checkout.SessionCreateParams.PaymentIntentData,
      }),
    );
    expect(error.param).toBe('payment_intent_data[colour]');
  });

  it('answers an unknown id with a 404 resource_missing', async () => {
    const error = await caught(stripe.checkout.sessions.retrieve('cs_test_nope'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('resource_missing');
    expect(error.message).toBe("No such checkout.session: 'cs_test_nope'");
  });

  it('accepts curl-style `expand[]` and repeated bracket arrays', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const response = await fetch(
      `${emulator.url}/v1/checkout/sessions/${session.id}?expand[]=line_items`,
      {
        headers: { Authorization: 'Bearer sk_test_curl' },
      },
    );
    const body = (await response.json()) as Stripe.Checkout.Session;
    expect(body.line_items?.data).toHaveLength(2);
  });
});

describe('idempotency keys', () => {
  it('replays the stored response for the same key and parameters', async () => {
    const first = await stripe.checkout.sessions.create(sessionParams(), {
      idempotencyKey: 'replay-1',
    });
    const second = await stripe.checkout.sessions.create(sessionParams(), {
      idempotencyKey: 'replay-1',
    });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses the same key with other parameters as an idempotency error', async () => {
    await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'reuse-1' });
    const error = await caught(
      stripe.checkout.sessions.create(sessionParams({ client_reference_id: 'other' }), {
        idempotencyKey: 'reuse-1',
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.statusCode).toBe(400);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    await control(emulator, 'POST', '/faults', { api: { delay_ms: 300 } });
    const once = clientFor(emulator, { maxNetworkRetries: 0 });
    const [first, second] = await Promise.allSettled([
      once.checkout.sessions.create(sessionParams(), { idempotencyKey: 'inflight-1' }),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
        once.checkout.sessions.create(sessionParams(), { idempotencyKey: 'inflight-1' }),
      ),
    ]);
    await control(emulator, 'DELETE', '/faults');
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect((second as PromiseRejectedResult).reason.statusCode).toBe(409);
  });
});

describe('lists', () => {
  it('pages newest first with starting_after and ending_before', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (await stripe.checkout.sessions.create(sessionParams({ client_reference_id: `page-${i}` })))
          .id,
      );
    }
    const newest = [...created].reverse();
    const page1 = await stripe.checkout.sessions.list({ limit: 2 });
    expect(page1.object).toBe('list');
    expect(page1.data.map((s) => s.id)).toEqual(newest.slice(0, 2));
    expect(page1.has_more).toBe(true);
    expect(page1.url).toBe('/v1/checkout/sessions');
    const page2 = await stripe.checkout.sessions.list({
      limit: 2,
      starting_after: page1.data[1]?.id,
    });
    expect(page2.data.map((s) => s.id)).toEqual(newest.slice(2, 4));
    const back = await stripe.checkout.sessions.list({
      limit: 2,
      ending_before: page2.data[0]?.id,
    });
    expect(back.data.map((s) => s.id)).toEqual(newest.slice(0, 2));
    expect(back.has_more).toBe(false);
  });

  it('rejects a limit above 100', async () => {
    const error = await caught(stripe.checkout.sessions.list({ limit: 101 }));
    expect(error.param).toBe('limit');
  });
});

describe('injected API outages', () => {
  it('answers 500 as StripeAPIError while the outage lasts', async () => {
    await control(emulator, 'POST', '/faults', { api: { fail_next: 1 } });
    const error = await caught(
      clientFor(emulator, { maxNetworkRetries: 0 }).checkout.sessions.list(),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error.statusCode).toBe(500);
  });

  it('lets the SDK retry through a short outage', async () => {
    await control(emulator, 'POST', '/faults', { api: { fail_next: 1 } });
    const session = await clientFor(emulator, { maxNetworkRetries: 2 }).checkout.sessions.create(
      sessionParams(),
    );
    expect(session.status).toBe('open');
  });
});
