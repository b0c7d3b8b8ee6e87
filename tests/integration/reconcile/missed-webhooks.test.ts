import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { emailOutbox, orderEvents, orders, products } from '@/db/schema';
import { reconcile, recheckExpiredPendingOrders } from '@/lib/webhooks/reconcile';
import {
  CARDS,
  payOnHostedPage,
  placeOrder,
  startPaymentsHarness,
  transitionsOf,
  waitForOrder,
  type PlacedOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

// Outside a Next server there is no page cache; this records what reconcile asks to purge.
const purged = vi.hoisted(() => [] as string[]);
vi.mock(import('next/cache'), async (importOriginal) => ({
  ...(await importOriginal()),
  revalidateTag: (tag: string) => void purged.push(tag),
}));

let harness: PaymentsHarness;

beforeAll(async () => {
  // No retries: a dropped first attempt is a delivery that never arrives.
  harness = await startPaymentsHarness({ retryScheduleMs: [] });
  await harness.control('POST', '/faults', {
    deliveries: { count: 100_000, drop_first_attempt: true },
  });
});
afterAll(() => harness.stop());

async function payMany(total: number): Promise<PlacedOrder[]> {
  const placed: PlacedOrder[] = [];
  for (let start = 0; start < total; start += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, total - start) }, async () => {
        const order = await placeOrder();
        await payOnHostedPage(order.url, CARDS.visa);
        return order;
      }),
    );
    placed.push(...batch);
  }
  return placed;
}

async function statusesOf(ids: string[]) {
  const rows = await db()
    .select({ status: orders.status })
    .from(orders)
    .where(inArray(orders.id, ids));
  return rows.map((row) => row.status);
}

async function rowCount(table: typeof orderEvents | typeof emailOutbox, ids: string[]) {
  const [row] = await db().select({ n: count() }).from(table).where(inArray(table.orderId, ids));
  return row?.n ?? 0;
}

describe('recovering missed webhooks', () => {
  it('with every delivery dropped, reconcile brings 100 paid orders to paid exactly once with one email each, and a second run changes nothing', async () => {
    const placed = await payMany(100);
    const ids = placed.map((order) => order.orderId);
    expect(new Set(await statusesOf(ids))).toEqual(new Set(['pending']));
    expect(await rowCount(emailOutbox, ids)).toBe(0);

    const first = await reconcile();

    expect(first.events.failed).toBe(0);
    expect(first.events.applied).toBeGreaterThanOrEqual(100);
    expect(await statusesOf(ids)).toEqual(Array(100).fill('paid'));
    const emails = await db()
      .select({ orderId: emailOutbox.orderId, kind: emailOutbox.kind })
      .from(emailOutbox)
      .where(inArray(emailOutbox.orderId, ids));
    expect(emails).toHaveLength(100);
    expect(new Set(emails.map((email) => email.orderId)).size).toBe(100);
    expect(new Set(emails.map((email) => email.kind))).toEqual(new Set(['order_confirmation']));
    for (const id of ids) {
      const transitions = await transitionsOf(id);
      expect(transitions.map((row) => `${row.fromStatus}→${row.toStatus}`)).toEqual([
        'pending→paid',
      ]);
      expect(transitions[0]?.stripeEventId).toMatch(/^evt_/);
    }
    const timelineRows = await rowCount(orderEvents, ids);

    const second = await reconcile();

    expect(second.events.applied).toBe(0);
    expect(second.events.alreadyRecorded).toBe(second.events.listed);
    expect(await rowCount(orderEvents, ids)).toBe(timelineRows);
    expect(await rowCount(emailOutbox, ids)).toBe(100);
  });

  it('an order still pending after its session expired is settled by asking Stripe for the session', async () => {
    const placed = await placeOrder();
    await payOnHostedPage(placed.url, CARDS.visa);
    // The store's clock is the real one: the order's expiry is set in the past instead of waiting.
    await db()
      .update(orders)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(orders.id, placed.orderId));

    const report = await recheckExpiredPendingOrders();

    expect(report.changed).toBeGreaterThanOrEqual(1);
    const paid = await waitForOrder(placed.orderId, (o) => o.status === 'paid', 'paid');
    expect(paid.email).toBe('ada@example.com');
    const transitions = await db()
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, placed.orderId), isNotNull(orderEvents.fromStatus)));
    expect(transitions).toMatchObject([
      { fromStatus: 'pending', toStatus: 'paid', actor: 'system', stripeEventId: null },
    ]);
    // The events reconcile lists later find the order already paid.
    await reconcile();
    expect(await transitionsOf(placed.orderId)).toHaveLength(1);
  });

  it('an expiry reconcile applies puts the stock back on sale and refreshes the catalogue', async () => {
    const placed = await placeOrder({ quantity: 3 });
    const stock = async () =>
      (await db().select().from(products).where(eq(products.id, placed.productId)))[0]!.stock;
    expect(await stock()).toBe(7);
    // The session expires at Stripe and its webhook is lost (every first attempt is dropped).
    await harness.control('POST', `/checkout/sessions/${placed.sessionId}/expire`);
    await db()
      .update(orders)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(orders.id, placed.orderId));
    purged.length = 0;

    await recheckExpiredPendingOrders();

    expect(
      (await waitForOrder(placed.orderId, (o) => o.status === 'expired', 'expired')).status,
    ).toBe('expired');
    expect(await stock()).toBe(10);
    expect(purged).toContain('catalogue');
  });
});
