import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { startCheckout } from '@/lib/checkout/start';
import { freePort } from '@/scripts/processes';
import { createProducts, stockOf } from '@/tests/support/catalogue-fixtures';

beforeAll(async () => {
  // Nothing listens here: every Stripe call fails to connect, as when Stripe is unreachable.
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${await freePort()}`;
  process.env.STRIPE_SECRET_KEY = 'sk_test_stripedown';
});

afterAll(async () => {
  await db().$client.end();
});

describe('checkout when Stripe cannot be reached', () => {
  it('cancels the order, returns the stock and tells the customer nothing was charged', async () => {
    const [skillet] = await createProducts([{ name: 'Skillet', unitAmount: 8900, stock: 3 }]);
    const result = await startCheckout({
      cart: { lines: [{ productId: skillet!.id, quantity: 2 }] },
    });
    expect(result).toEqual({
      kind: 'rejected',
      message:
        'We couldn’t start the payment. Nothing was charged and your cart is saved; please try again.',
      problems: [],
    });
    expect(await stockOf([skillet!.id])).toEqual({ [skillet!.id]: 3 });
    const [order] = await db()
      .select()
      .from(orders)
      .innerJoin(orderEvents, eq(orderEvents.orderId, orders.id))
      .where(eq(orderEvents.kind, 'checkout_session_failed'));
    expect(order?.orders.status).toBe('canceled');
    expect(order?.orders.stripeCheckoutSessionId).toBeNull();
  });
});
