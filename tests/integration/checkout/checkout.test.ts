import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orderEvents, orderItems, orders } from '@/db/schema';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { startCheckout } from '@/lib/checkout/start';
import { createProducts, stockOf } from '@/tests/support/catalogue-fixtures';

let emulator: RunningEmulator;
let sdk: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_SECRET_KEY = 'sk_test_checkouttests';
  process.env.STRIPE_WEBHOOK_SECRET = emulator.webhookSecret;
  process.env.APP_URL = 'http://127.0.0.1:3000';
  sdk = new Stripe('sk_test_checkouttests', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
  });
});

afterAll(async () => {
  await emulator.stop();
  await db().$client.end();
});

async function orderOf(orderId: string) {
  const [order] = await db().select().from(orders).where(eq(orders.id, orderId));
  return order!;
}

describe('checkout', () => {
  it('turns a cart into a pending order with stock held, and a session priced from the database', async () => {
    const [mug, apron] = await createProducts([
      { name: 'Mug', unitAmount: 2800, stock: null },
      { name: 'Apron', unitAmount: 4800, stock: 5 },
    ]);
    const result = await startCheckout({
      cart: {
        lines: [
          { productId: mug!.id, quantity: 2 },
          { productId: apron!.id, quantity: 1 },
        ],
      },
    });
    if (result.kind !== 'redirect')
      throw new Error(`expected a redirect, got ${JSON.stringify(result)}`);
    expect(result.url).toMatch(new RegExp(`^${emulator.url}/`));

    const order = await orderOf(result.orderId);
    expect(order).toMatchObject({
      status: 'pending',
      currency: 'usd',
      amountSubtotal: 2 * 2800 + 4800,
      amountTotal: 2 * 2800 + 4800,
      stripeCheckoutSessionId: result.sessionId,
    });
    expect(await stockOf([mug!.id, apron!.id])).toEqual({ [mug!.id]: null, [apron!.id]: 4 });
    const items = await db().select().from(orderItems).where(eq(orderItems.orderId, order.id));
    expect(
      items
        .map(({ name, unitAmount, quantity }) => ({ name, unitAmount, quantity }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: 'Apron', unitAmount: 4800, quantity: 1 },
      { name: 'Mug', unitAmount: 2800, quantity: 2 },
    ]);
    const timeline = await db().select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(timeline.map((event) => event.kind)).toEqual(['checkout_started']);

    const session = await sdk.checkout.sessions.retrieve(result.sessionId, {
      expand: ['line_items'],
    });
    expect(session).toMatchObject({
      amount_total: 2 * 2800 + 4800,
      currency: 'usd',
      client_reference_id: order.id,
      metadata: { order_id: order.id, order_number: String(order.number) },
      success_url: 'http://127.0.0.1:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}',
    });
    expect(
      session.line_items?.data.map((item) => [
        item.description,
        item.price?.unit_amount,
        item.quantity,
      ]),
    ).toEqual([
      ['Mug', 2800, 2],
      ['Apron', 4800, 1],
    ]);
    // Stripe's minimum is 30 minutes; the session asks for a minute more (see lib/checkout/start.ts).
    expect(session.expires_at - session.created).toBeGreaterThanOrEqual(30 * 60);
    expect(session.expires_at - session.created).toBeLessThanOrEqual(31 * 60);
  });

  it('rejects unknown and retired products by name and reserves nothing', async () => {
    const [retired, apron] = await createProducts([
      { name: 'Retired Tin', unitAmount: 3200, stock: 10, active: false },
      { name: 'Apron', unitAmount: 4800, stock: 5 },
    ]);
    const result = await startCheckout({
      cart: {
        lines: [
          { productId: retired!.id, quantity: 1 },
          { productId: apron!.id, quantity: 1 },
          { productId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
        ],
      },
    });
    expect(result).toEqual({
      kind: 'rejected',
      message: 'Some items can’t be bought right now.',
      problems: [
        'Retired Tin is no longer for sale. Please remove it to check out.',
        'An item in your cart is no longer for sale. Please remove it to check out.',
      ],
    });
    expect(await stockOf([retired!.id, apron!.id])).toEqual({ [retired!.id]: 10, [apron!.id]: 5 });
  });

  it('sells exactly the stock when 50 customers check out the last 5 at once', async () => {
    const [lamp] = await createProducts([{ name: 'Lamp', unitAmount: 9900, stock: 5 }]);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        startCheckout({ cart: { lines: [{ productId: lamp!.id, quantity: 1 }] } }),
      ),
    );
    const redirected = results.filter((result) => result.kind === 'redirect');
    const rejected = results.filter((result) => result.kind === 'rejected');
    expect(redirected).toHaveLength(5);
    expect(new Set(redirected.map((result) => result.sessionId)).size).toBe(5);
    expect(rejected).toHaveLength(45);
    for (const result of rejected) {
      expect(result).toMatchObject({
        kind: 'rejected',
        problems: ['Lamp is sold out. Please remove it to check out.'],
      });
    }
    expect(await stockOf([lamp!.id])).toEqual({ [lamp!.id]: 0 });
    const lampOrders = await db()
      .select()
      .from(orderItems)
      .where(eq(orderItems.productId, lamp!.id));
    expect(lampOrders).toHaveLength(5);
  });

  it('tells the customer how many are left when they ask for more than remain', async () => {
    const [board] = await createProducts([{ name: 'Board', unitAmount: 7600, stock: 2 }]);
    const result = await startCheckout({
      cart: { lines: [{ productId: board!.id, quantity: 3 }] },
    });
    expect(result).toMatchObject({
      kind: 'rejected',
      problems: ['Only 2 Board left. Please lower the quantity to check out.'],
    });
    expect(await stockOf([board!.id])).toEqual({ [board!.id]: 2 });
  });

  it('expires the previous unpaid session when the customer checks out again, returning its stock', async () => {
    const [kettle] = await createProducts([{ name: 'Kettle', unitAmount: 6200, stock: 4 }]);
    const cart = { lines: [{ productId: kettle!.id, quantity: 3 }] };
    const first = await startCheckout({ cart });
    if (first.kind !== 'redirect') throw new Error('first checkout failed');
    expect(await stockOf([kettle!.id])).toEqual({ [kettle!.id]: 1 });

    const second = await startCheckout({ cart, previousSessionId: first.sessionId });
    if (second.kind !== 'redirect')
      throw new Error(`second checkout failed: ${JSON.stringify(second)}`);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect((await orderOf(first.orderId)).status).toBe('expired');
    expect((await sdk.checkout.sessions.retrieve(first.sessionId)).status).toBe('expired');
    expect(await stockOf([kettle!.id])).toEqual({ [kettle!.id]: 1 });
  });
});
