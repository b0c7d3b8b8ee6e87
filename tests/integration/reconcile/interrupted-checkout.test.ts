import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { recheckExpiredPendingOrders } from '@/lib/webhooks/reconcile';
import {
  orderNow,
  pendingOrder,
  stockOf,
  timelineOf,
} from '@/tests/integration/webhooks/order-fixtures';

afterAll(async () => {
  await db().$client.end();
});

/** As a checkout leaves its order when the process dies before Stripe's session id is stored. */
async function interruptedCheckout(expiresAt: Date | null, createdAt = new Date()) {
  const placed = await pendingOrder({ stock: 10, quantity: 3, sessionId: null });
  await db().update(orders).set({ expiresAt, createdAt }).where(eq(orders.id, placed.order.id));
  return placed;
}

describe('a checkout interrupted before it had a Checkout Session', () => {
  it('is canceled by reconcile once its expiry has passed, and its stock comes back once', async () => {
    const { order, productId } = await interruptedCheckout(new Date(Date.now() - 1000));
    expect(await stockOf(productId)).toBe(7);

    await recheckExpiredPendingOrders();
    await recheckExpiredPendingOrders();

    expect((await orderNow(order.id)).status).toBe('canceled');
    expect(await stockOf(productId)).toBe(10);
    const timeline = await timelineOf(order.id);
    expect(timeline.map((row) => [row.kind, row.toStatus])).toEqual([
      ['checkout_interrupted', 'canceled'],
    ]);
  });

  it('is left alone while its customer could still be on the way to pay', async () => {
    const { order, productId } = await interruptedCheckout(new Date(Date.now() + 60_000));
    await recheckExpiredPendingOrders();
    expect((await orderNow(order.id)).status).toBe('pending');
    expect(await stockOf(productId)).toBe(7);
  });

  it('without an expiry (placed before expires_at was set at insert), counts from its creation', async () => {
    const old = await interruptedCheckout(null, new Date(Date.now() - 32 * 60 * 1000));
    const recent = await interruptedCheckout(null);
    await recheckExpiredPendingOrders();
    expect((await orderNow(old.order.id)).status).toBe('canceled');
    expect((await orderNow(recent.order.id)).status).toBe('pending');
  });
});
