import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { orderNow, pendingOrder, recordedEvent, timelineOf } from './order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
  unhandledEvent,
  webhookRequest,
} from './stripe-fixtures';

process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

afterAll(async () => {
  await db().$client.end();
});

/** A paid-session event for a real pending order: what an attacker would most like to forge. */
async function paymentForPendingOrder() {
  const { order } = await pendingOrder();
  const event = checkoutEvent(
    'checkout.session.completed',
    completedSession(checkoutSession(order.id)),
  );
  return { order, event };
}

async function expectNothingWritten(orderId: string, eventId: string) {
  expect(await recordedEvent(eventId)).toBeUndefined();
  expect((await orderNow(orderId)).status).toBe('pending');
  expect(await timelineOf(orderId)).toHaveLength(0);
}

describe('deliveries that cannot be proven to come from Stripe are refused with 400 and write nothing', () => {
  it('a signature made with another secret (forged)', async () => {
    const { order, event } = await paymentForPendingOrder();
    const response = await POST(signedDelivery(event, { secret: 'whsec_notoursecret42' }));
    expect(response.status).toBe(400);
    await expectNothingWritten(order.id, event.id);
  });

  it('a correct signature with a timestamp older than 300 seconds (a replay)', async () => {
    const { order, event } = await paymentForPendingOrder();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 360;
    const response = await POST(signedDelivery(event, { timestamp: sixMinutesAgo }));
    expect(response.status).toBe(400);
    await expectNothingWritten(order.id, event.id);
  });

  it('a body changed after signing', async () => {
    const { order, event } = await paymentForPendingOrder();
    const tampered = JSON.stringify({ ...event, id: event.id, livemode: true });
    const response = await POST(signedDelivery(event, { body: tampered }));
    expect(response.status).toBe(400);
    await expectNothingWritten(order.id, event.id);
  });

  it('no Stripe-Signature header', async () => {
    const { order, event } = await paymentForPendingOrder();
    const response = await POST(webhookRequest(JSON.stringify(event)));
    expect(response.status).toBe(400);
    await expectNothingWritten(order.id, event.id);
  });

  it('a signature header that is not in Stripe’s format', async () => {
    const { order, event } = await paymentForPendingOrder();
    const response = await POST(
      webhookRequest(JSON.stringify(event), { 'Stripe-Signature': 'garbage' }),
    );
    expect(response.status).toBe(400);
    await expectNothingWritten(order.id, event.id);
  });
});

describe('events Shopfront cannot use are answered 200 (so Stripe stops) and recorded', () => {
  it('an event for no known order', async () => {
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession(randomUUID())),
    );
    const response = await POST(signedDelivery(event));
    expect(response.status).toBe(200);
    // The route only records; what applying it came to is in the inbox row.
    expect(await response.json()).toEqual({ outcome: 'received' });
    const row = await recordedEvent(event.id);
    expect(row?.type).toBe('checkout.session.completed');
    expect(row?.state).toBe('applied');
    expect(row?.processedAt).toBeInstanceOf(Date);
    expect(row?.result).toMatch(/^ignored: no order for session cs_test_/);
  });

  it('an event whose order id is not even a uuid', async () => {
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession('order-42')),
    );
    expect((await POST(signedDelivery(event))).status).toBe(200);
    expect((await recordedEvent(event.id))?.result).toMatch(/^ignored: no order/);
  });

  it('an event type with no handler', async () => {
    const event = unhandledEvent();
    const response = await POST(signedDelivery(event));
    expect(response.status).toBe(200);
    expect((await recordedEvent(event.id))?.result).toBe(
      'ignored: no handler for payment_intent.created',
    );
  });

  it('a duplicate of an ignored event answers 200 and keeps the first record', async () => {
    const event = unhandledEvent();
    await POST(signedDelivery(event));
    const first = await recordedEvent(event.id);
    const response = await POST(signedDelivery(event));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: 'duplicate' });
    expect(await recordedEvent(event.id)).toEqual(first);
  });
});
