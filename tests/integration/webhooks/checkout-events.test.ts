import { afterAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import {
  orderNow,
  outboxOf,
  pendingOrder,
  recordedEvent,
  stockOf,
  timelineOf,
} from './order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  expiredSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from './stripe-fixtures';

// Before anything reads the configuration (env() parses once, on first use).
process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

afterAll(async () => {
  await db().$client.end();
});

async function deliver(event: Parameters<typeof signedDelivery>[0]): Promise<number> {
  const response = await POST(signedDelivery(event));
  return response.status;
}

describe('checkout.session.completed', () => {
  it('marks a paid order paid, keeps its stock sold, queues one confirmation and records the event', async () => {
    const { order, productId, stockBefore } = await pendingOrder({ quantity: 2 });
    const session = checkoutSession(order.id);
    const event = checkoutEvent('checkout.session.completed', completedSession(session));

    expect(await deliver(event)).toBe(200);

    const paid = await orderNow(order.id);
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).toBeInstanceOf(Date);
    expect(paid.email).toBe('ada@example.com');
    expect(paid.customerName).toBe('Ada Lovelace');
    expect(paid.stripeCheckoutSessionId).toBe(session.id);
    expect(paid.stripePaymentIntentId).toMatch(/^pi_/);
    expect(await stockOf(productId)).toBe(stockBefore - 2);
    const [email] = await outboxOf(order.id);
    expect(email).toMatchObject({ kind: 'order_confirmation', recipient: 'ada@example.com' });
    expect(email?.subject).toContain(`order ${order.number}`);
    expect(await timelineOf(order.id)).toMatchObject([
      {
        kind: 'checkout_completed',
        fromStatus: 'pending',
        toStatus: 'paid',
        stripeEventId: event.id,
        actor: 'stripe',
      },
    ]);
    expect((await recordedEvent(event.id))?.result).toBe(
      `processed: order ${order.number} pending → paid`,
    );
  });

  it('delivered 20 times concurrently makes one transition, one email and one timeline row, and answers 200 to all', async () => {
    const { order } = await pendingOrder();
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession(order.id)),
    );

    const statuses = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));

    expect(statuses).toEqual(Array(20).fill(200));
    expect((await orderNow(order.id)).status).toBe('paid');
    expect(await outboxOf(order.id)).toHaveLength(1);
    const timeline = await timelineOf(order.id);
    expect(timeline.filter((row) => row.toStatus === 'paid')).toHaveLength(1);
    expect(timeline).toHaveLength(1);
  });

  it('a redelivery after the first was processed changes nothing', async () => {
    const { order } = await pendingOrder();
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession(order.id)),
    );
    await deliver(event);
    const before = await orderNow(order.id);

    expect(await deliver(event)).toBe(200);

    expect(await orderNow(order.id)).toEqual(before);
    expect(await timelineOf(order.id)).toHaveLength(1);
  });

  it('under manual capture marks the order authorized, sends no confirmation yet and keeps the stock reserved', async () => {
    const { order, productId, stockBefore } = await pendingOrder({ captureMethod: 'manual' });
    const event = checkoutEvent(
      'checkout.session.completed',
      completedSession(checkoutSession(order.id), 'unpaid'),
    );

    expect(await deliver(event)).toBe(200);

    const authorized = await orderNow(order.id);
    expect(authorized.status).toBe('authorized');
    expect(authorized.paidAt).toBeNull();
    expect(await outboxOf(order.id)).toHaveLength(0);
    expect(await stockOf(productId)).toBe(stockBefore - 2);
  });

  it('finds the order by its stored session id when the metadata has no order id', async () => {
    const session = checkoutSession('', { metadata: {} });
    const { order } = await pendingOrder({ sessionId: session.id });

    expect(
      await deliver(checkoutEvent('checkout.session.completed', completedSession(session))),
    ).toBe(200);

    expect((await orderNow(order.id)).status).toBe('paid');
  });
});

describe('delayed payment methods', () => {
  it('completed unpaid makes the order processing, then async_payment_succeeded makes it paid with one email', async () => {
    const { order, productId, stockBefore } = await pendingOrder();
    const session = checkoutSession(order.id);
    const completed = completedSession(session, 'unpaid');

    expect(await deliver(checkoutEvent('checkout.session.completed', completed))).toBe(200);
    expect((await orderNow(order.id)).status).toBe('processing');
    expect(await outboxOf(order.id)).toHaveLength(0);

    const succeeded = { ...completed, payment_status: 'paid' as const };
    expect(
      await deliver(checkoutEvent('checkout.session.async_payment_succeeded', succeeded)),
    ).toBe(200);

    const paid = await orderNow(order.id);
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).toBeInstanceOf(Date);
    expect(await outboxOf(order.id)).toHaveLength(1);
    expect(await stockOf(productId)).toBe(stockBefore - 2);
    expect((await timelineOf(order.id)).map((row) => row.toStatus)).toEqual(['processing', 'paid']);
  });

  it('completed unpaid then async_payment_failed ends failed and gives the stock back once', async () => {
    const { order, productId, stockBefore } = await pendingOrder();
    const completed = completedSession(checkoutSession(order.id), 'unpaid');
    const failed = checkoutEvent('checkout.session.async_payment_failed', completed);

    await deliver(checkoutEvent('checkout.session.completed', completed));
    await Promise.all([deliver(failed), deliver(failed), deliver(failed)]);

    expect((await orderNow(order.id)).status).toBe('failed');
    expect(await stockOf(productId)).toBe(stockBefore);
    expect(await outboxOf(order.id)).toHaveLength(0);
  });
});

describe('events out of order', () => {
  it('expired after completed leaves the order paid and does not release its stock', async () => {
    const { order, productId, stockBefore } = await pendingOrder();
    const session = checkoutSession(order.id);

    await deliver(checkoutEvent('checkout.session.completed', completedSession(session)));
    expect(await deliver(checkoutEvent('checkout.session.expired', expiredSession(session)))).toBe(
      200,
    );

    expect((await orderNow(order.id)).status).toBe('paid');
    expect(await stockOf(productId)).toBe(stockBefore - 2);
    expect(await timelineOf(order.id)).toHaveLength(1);
  });

  it('async_payment_failed before completed ends failed, with the stock released exactly once', async () => {
    const { order, productId, stockBefore } = await pendingOrder();
    const completed = completedSession(checkoutSession(order.id), 'unpaid');

    await deliver(checkoutEvent('checkout.session.async_payment_failed', completed));
    await deliver(checkoutEvent('checkout.session.completed', completed));

    expect((await orderNow(order.id)).status).toBe('failed');
    expect(await stockOf(productId)).toBe(stockBefore);
    expect((await timelineOf(order.id)).map((row) => [row.fromStatus, row.toStatus])).toEqual([
      ['pending', 'failed'],
    ]);
  });

  it('async_payment_succeeded before completed ends paid with one confirmation', async () => {
    const { order } = await pendingOrder();
    const completed = completedSession(checkoutSession(order.id), 'paid');

    await deliver(checkoutEvent('checkout.session.async_payment_succeeded', completed));
    await deliver(
      checkoutEvent('checkout.session.completed', { ...completed, payment_status: 'unpaid' }),
    );

    expect((await orderNow(order.id)).status).toBe('paid');
    expect(await outboxOf(order.id)).toHaveLength(1);
  });
});

describe('checkout.session.expired', () => {
  it('expires a pending order and releases its stock exactly once, even delivered 5 times concurrently', async () => {
    const { order, productId, stockBefore } = await pendingOrder({ quantity: 3 });
    const event = checkoutEvent(
      'checkout.session.expired',
      expiredSession(checkoutSession(order.id)),
    );
    expect(await stockOf(productId)).toBe(stockBefore - 3);

    const statuses = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));

    expect(statuses).toEqual(Array(5).fill(200));
    expect((await orderNow(order.id)).status).toBe('expired');
    expect(await stockOf(productId)).toBe(stockBefore);
    expect(await timelineOf(order.id)).toHaveLength(1);
  });

  it('five different expiry events for one session, concurrently, release the stock once (the row lock, not the dedupe)', async () => {
    const { order, productId, stockBefore } = await pendingOrder({ quantity: 3 });
    const session = expiredSession(checkoutSession(order.id));
    const events = Array.from({ length: 5 }, () =>
      checkoutEvent('checkout.session.expired', session),
    );

    await Promise.all(events.map((event) => deliver(event)));

    expect(await stockOf(productId)).toBe(stockBefore);
    expect(await timelineOf(order.id)).toHaveLength(1);
    const results = await Promise.all(events.map((event) => recordedEvent(event.id)));
    expect(results.filter((row) => row?.result?.includes('pending → expired'))).toHaveLength(1);
    expect(results.filter((row) => row?.result?.includes('stays expired'))).toHaveLength(4);
  });

  it('an expiry for an old session does not touch an order that has moved on to a new session', async () => {
    const { order, productId, stockBefore } = await pendingOrder();
    const oldSession = checkoutSession(order.id);
    const newSession = checkoutSession(order.id);
    await deliver(
      checkoutEvent('checkout.session.completed', completedSession(newSession, 'unpaid')),
    );

    const event = checkoutEvent('checkout.session.expired', expiredSession(oldSession));
    expect(await deliver(event)).toBe(200);

    expect((await orderNow(order.id)).status).toBe('processing');
    expect(await stockOf(productId)).toBe(stockBefore - 2);
    expect((await recordedEvent(event.id))?.result).toMatch(/^ignored: .*another session/);
  });
});
