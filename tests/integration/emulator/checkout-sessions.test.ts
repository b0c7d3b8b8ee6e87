import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { caught, clientFor, control, sessionParams } from './emulator-harness';

let emulator: RunningEmulator;
let stripe: Stripe;
const now = (): number => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

describe('creating a Checkout Session', () => {
  it('returns an open session with totals, metadata and a hosted url', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.object).toBe('checkout.session');
    expect(session.status).toBe('open');
    expect(session.payment_status).toBe('unpaid');
    expect(session.amount_total).toBe(5500);
    expect(session.currency).toBe('usd');
    expect(session.client_reference_id).toBe('order_42');
    expect(session.metadata).toEqual({ order_id: '42' });
    expect(session.customer_email).toBe('ada@example.com');
    expect(session.payment_intent).toBeNull();
    expect(session.url).toBe(`${emulator.url}/c/pay/${session.id}`);
    expect(session.line_items).toBeUndefined();
    expect(session.expires_at - session.created).toBe(24 * 60 * 60);
  });

  it.each([
    ['quantity 0', { quantity: 0 }, 'line_items[0][quantity]'],
    ['a negative unit_amount', { unit_amount: -1 }, 'line_items[0][price_data][unit_amount]'],
  ])('rejects %s naming the param', async (_label, change, param) => {
    const item = {
      quantity: 'quantity' in change ? change.quantity : 1,
      price_data: {
        currency: 'usd',
        unit_amount: 'unit_amount' in change ? change.unit_amount : 1000,
        product_data: { name: 'Mug' },
      },
    };
    const error = await caught(
      stripe.checkout.sessions.create(sessionParams({ line_items: [item] })),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe(param);
  });

  it('rejects expires_at only 10 minutes ahead', async () => {
    const error = await caught(
      stripe.checkout.sessions.create(sessionParams({ expires_at: now() + 600 })),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe('expires_at');
  });

  it('rejects expires_at more than 24 hours ahead', async () => {
    const error = await caught(
      stripe.checkout.sessions.create(sessionParams({ expires_at: now() + 25 * 3600 })),
    );
    expect(error.param).toBe('expires_at');
  });

  it('requires a product name in product_data', async () => {
    const error = await caught(
      stripe.checkout.sessions.create(
        sessionParams({
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'usd',
                unit_amount: 900,
                product_data: { description: 'Blue' } as unknown as { name: string },
              },
            },
          ],
        }),
      ),
    );
    expect(error.param).toBe('line_items[0][price_data][product_data][name]');
  });

  it('requires exactly one of price and price_data', async () => {
    const error = await caught(
      stripe.checkout.sessions.create(sessionParams({ line_items: [{ quantity: 1 }] })),
    );
    expect(error.param).toBe('line_items[0]');
  });

  it('requires mode', async () => {
    const error = await caught(
      stripe.checkout.sessions.create({ ...sessionParams(), mode: undefined }),
    );
    expect(error.param).toBe('mode');
  });

  it('enforces metadata limits', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(
      (await caught(stripe.checkout.sessions.create(sessionParams({ metadata: tooMany })))).param,
    ).toBe('metadata');
    const longKey = { ['k'.repeat(41)]: 'v' };
    expect(
      (await caught(stripe.checkout.sessions.create(sessionParams({ metadata: longKey })))).param,
    ).toMatch(/^metadata\[/);
  });

  it('limits statement_descriptor_suffix to 22 characters', async () => {
    const error = await caught(
      stripe.checkout.sessions.create(
        sessionParams({ payment_intent_data: { statement_descriptor_suffix: 'x'.repeat(23) } }),
      ),
    );
    expect(error.param).toBe('payment_intent_data[statement_descriptor_suffix]');
  });

  it('refuses customer together with customer_email', async () => {
    const error = await caught(
      stripe.checkout.sessions.create(sessionParams({ customer: 'cus_123' })),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('rejects a success_url that is not a URL', async () => {
    const error = await caught(
      stripe.checkout.sessions.create(sessionParams({ success_url: 'not a url' })),
    );
    expect(error.param).toBe('success_url');
  });
});

describe('reading Checkout Sessions', () => {
  it('expands line_items on retrieve', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams());
    const session = await stripe.checkout.sessions.retrieve(created.id, { expand: ['line_items'] });
    const items = session.line_items?.data ?? [];
    expect(items.map((item) => [item.description, item.quantity, item.amount_total])).toEqual([
      ['Enamel mug', 2, 2500],
      ['Teapot', 1, 3000],
    ]);
    expect(items[0]?.price?.unit_amount).toBe(1250);
    expect(items[0]?.object).toBe('item');
  });

  it('lists line items with paging', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams());
    const first = await stripe.checkout.sessions.listLineItems(created.id, { limit: 1 });
    expect(first.data).toHaveLength(1);
    expect(first.has_more).toBe(true);
    const rest = await stripe.checkout.sessions.listLineItems(created.id, {
      starting_after: first.data[0]?.id,
    });
    expect(rest.data.map((item) => item.description)).toEqual(['Teapot']);
  });

  it('rejects expanding a field that cannot be expanded', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams());
    const error = await caught(stripe.checkout.sessions.retrieve(created.id, { expand: ['mode'] }));
    expect(error.param).toBe('expand');
  });

  it('filters the list by status and created', async () => {
    const open = await stripe.checkout.sessions.create(sessionParams());
    const expired = await stripe.checkout.sessions.create(sessionParams());
    await stripe.checkout.sessions.expire(expired.id);
    const expiredList = await stripe.checkout.sessions.list({ status: 'expired', limit: 100 });
    expect(expiredList.data.map((s) => s.id)).toContain(expired.id);
    expect(expiredList.data.map((s) => s.id)).not.toContain(open.id);
    const future = await stripe.checkout.sessions.list({ created: { gt: now() + 3600 } });
    expect(future.data).toEqual([]);
  });
});

describe('expiring Checkout Sessions', () => {
  it('expires an open session and refuses to expire it twice', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams());
    const expired = await stripe.checkout.sessions.expire(created.id);
    expect(expired.status).toBe('expired');
    expect(expired.url).toBeNull();
    const error = await caught(stripe.checkout.sessions.expire(created.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('expires a session now through the control API, as at its expires_at, with an event no request caused', async () => {
    const created = await stripe.checkout.sessions.create(
      sessionParams({ expires_at: now() + 3600 }),
    );
    await control(emulator, 'POST', `/checkout/sessions/${created.id}/expire`);
    const session = await stripe.checkout.sessions.retrieve(created.id);
    expect(session.status).toBe('expired');
    const events = await stripe.events.list({ type: 'checkout.session.expired', limit: 100 });
    const event = events.data.find(
      (candidate) => (candidate.data.object as Stripe.Checkout.Session).id === created.id,
    );
    expect(event?.request).toEqual({ id: null, idempotency_key: null });
    const again = await control<{ error: { message: string } }>(
      emulator,
      'POST',
      `/checkout/sessions/${created.id}/expire`,
    );
    expect(again.error.message).toContain('is expired, not open');
  });

  it('judges expires_at by real time, whatever test clocks have done', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: now() });
    await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: now() + 700 * 86400 });
    const session = await stripe.checkout.sessions.create(
      sessionParams({ expires_at: now() + 31 * 60 }),
    );
    expect(session.status).toBe('open');
    expect(Math.abs(session.created - now())).toBeLessThanOrEqual(2);
  });

  it('shows an expired session page instead of the card form', async () => {
    const created = await stripe.checkout.sessions.create(sessionParams());
    await stripe.checkout.sessions.expire(created.id);
    const page = await fetch(String(created.url));
    expect(await page.text()).toContain('This checkout session has expired');
  });
});

describe('the hosted page', () => {
  it('shows line items and the total in the session currency, zero-decimal currencies included', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        line_items: [
          {
            quantity: 2,
            price_data: {
              currency: 'jpy',
              unit_amount: 1500,
              product_data: { name: 'Matcha bowl' },
            },
          },
        ],
      }),
    );
    const html = await (await fetch(String(session.url))).text();
    expect(html).toContain('Matcha bowl');
    expect(html).toContain('¥3,000');
    for (const label of ['Email', 'Card number', 'Expiration', 'CVC', 'Cardholder name'])
      expect(html).toContain(`>${label}<`);
    expect(html).toContain('http://127.0.0.1:9/cart');
  });
});
