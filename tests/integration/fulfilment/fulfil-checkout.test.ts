import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { fulfilCheckout, fulfilCheckoutById } from '@/lib/checkout/fulfilment';
import {
  orderNow,
  outboxOf,
  pendingOrder,
  recordedEvent,
  stockOf,
  timelineOf,
} from '@/tests/integration/webhooks/order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  expiredSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from '@/tests/integration/webhooks/stripe-fixtures';

process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

/**
 * Until the emulator lands (another branch), a stand-in for the one Stripe call fulfilment makes:
 * GET /v1/checkout/sessions/:id, answering known sessions and Stripe's 404 resource_missing error
 * (STRIPE-REFERENCE.md "Errors") for the rest.
 */
const sessions = new Map<string, Stripe.Checkout.Session>();
let stripeApi: Server;

beforeAll(async () => {
  stripeApi = createServer((request, response) => {
    const id = decodeURIComponent(
      request.url?.match(/^\/v1\/checkout\/sessions\/([^/?]+)/)?.[1] ?? '',
    );
    const session = sessions.get(id);
    response.setHeader('Content-Type', 'application/json');
    if (request.method === 'GET' && session) {
      response.end(JSON.stringify(session));
      return;
    }
    response.statusCode = 404;
    response.end(
      JSON.stringify({
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'session',
          message: `No such checkout.session: '${id}'`,
        },
      }),
    );
  });
  await new Promise<void>((resolve) => stripeApi.listen(0, '127.0.0.1', resolve));
  // Read by lib/stripe on first use, which comes after this.
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${(stripeApi.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => stripeApi.close(resolve));
  await db().$client.end();
});

describe('fulfilCheckout', () => {
  it('marks the order paid from a completed session, as the customer', async () => {
    const { order } = await pendingOrder();

    const result = await fulfilCheckout(completedSession(checkoutSession(order.id)), {
      actor: 'customer',
    });

    expect(result).toMatchObject({
      kind: 'order',
      orderId: order.id,
      orderNumber: order.number,
      fromStatus: 'pending',
      status: 'paid',
      changed: true,
    });
    expect(await timelineOf(order.id)).toMatchObject([
      { toStatus: 'paid', actor: 'customer', stripeEventId: null },
    ]);
    expect(await outboxOf(order.id)).toHaveLength(1);
  });

  it('changes nothing while the session is still open', async () => {
    const { order } = await pendingOrder();
    const result = await fulfilCheckout(checkoutSession(order.id), { actor: 'customer' });
    expect(result).toMatchObject({ kind: 'order', status: 'pending', changed: false });
    expect(await timelineOf(order.id)).toHaveLength(0);
  });

  it('expires the order and releases its stock for an expired session', async () => {
    const { order, productId, stockBefore } = await pendingOrder();
    await fulfilCheckout(expiredSession(checkoutSession(order.id)), { actor: 'system' });
    expect((await orderNow(order.id)).status).toBe('expired');
    expect(await stockOf(productId)).toBe(stockBefore);
  });

  it('reports an unknown order instead of throwing', async () => {
    const result = await fulfilCheckout(completedSession(checkoutSession(randomUUID())), {
      actor: 'customer',
    });
    expect(result.kind).toBe('unknown_order');
  });

  it('called 10 times concurrently with the webhook for the same session makes exactly one transition', async () => {
    const { order } = await pendingOrder();
    const session = completedSession(checkoutSession(order.id));
    const event = checkoutEvent('checkout.session.completed', session);

    const [webhook, ...pages] = await Promise.all([
      POST(signedDelivery(event)),
      ...Array.from({ length: 10 }, () => fulfilCheckout(session, { actor: 'customer' })),
    ]);

    expect(webhook.status).toBe(200);
    expect(pages.every((page) => page.kind === 'order' && page.status === 'paid')).toBe(true);
    // Whoever got the row lock first made the change; everyone after it saw "already paid".
    const pageChanges = pages.filter((page) => page.kind === 'order' && page.changed).length;
    const webhookChanged = (await recordedEvent(event.id))?.result?.endsWith('pending → paid');
    expect(pageChanges + (webhookChanged ? 1 : 0)).toBe(1);
    const timeline = await timelineOf(order.id);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.toStatus).toBe('paid');
    expect(await outboxOf(order.id)).toHaveLength(1);
  });
});

describe('fulfilCheckoutById (the success page)', () => {
  it('retrieves the session from Stripe and fulfils its order', async () => {
    const { order } = await pendingOrder();
    const session = completedSession(checkoutSession(order.id));
    sessions.set(session.id, session);

    const result = await fulfilCheckoutById(session.id);

    expect(result).toMatchObject({ kind: 'order', orderId: order.id, status: 'paid' });
    expect((await timelineOf(order.id))[0]?.actor).toBe('customer');
  });

  it('answers unknown_session, without throwing, for an id Stripe does not know', async () => {
    expect(await fulfilCheckoutById('cs_test_forged')).toEqual({ kind: 'unknown_session' });
  });
});
