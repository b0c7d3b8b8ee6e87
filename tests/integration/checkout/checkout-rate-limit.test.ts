import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, db } from '@/db/client';
import { orderItems } from '@/db/schema';
import { serializeCart } from '@/lib/cart/lines';
import { CHECKOUT_LIMIT } from '@/lib/checkout/limits';
import { consumeAttempt } from '@/lib/platform/rate-limits';
import { createProducts } from '@/tests/support/catalogue-fixtures';
import { clientHeaders } from '@/tests/support/client-headers';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';

// The checkout action as Next calls it, from a chosen client address (next/headers stands in).
const request = { ip: '203.0.113.1', cart: '' };
vi.mock('server-only', () => ({}));
vi.mock(import('next/cache'), async (importOriginal) => ({
  ...(await importOriginal()),
  updateTag: () => {},
}));
vi.mock('next/headers', () => ({
  headers: async () => clientHeaders(request.ip),
  cookies: async () => ({
    get: (name: string) => (name === 'cart' ? { name, value: request.cart } : undefined),
    set: () => {},
    delete: () => {},
  }),
}));

const { checkout } = await import('@/lib/checkout/actions');

let harness: PaymentsHarness;
let productId: string;

beforeAll(async () => {
  harness = await startPaymentsHarness();
  const [product] = await createProducts([{ name: 'Limited mug', unitAmount: 1500, stock: null }]);
  productId = product!.id;
  request.cart = serializeCart({ lines: [{ productId, quantity: 1 }] });
});

afterAll(async () => {
  await harness.stop();
});

async function checkoutFrom(ip: string): Promise<'redirected' | string> {
  request.ip = ip;
  try {
    const state = await checkout({ status: 'idle', message: '' }, new FormData());
    return state.message;
  } catch (error) {
    if (String((error as { digest?: string }).digest).startsWith('NEXT_REDIRECT'))
      return 'redirected';
    throw error;
  }
}

async function ordersOfProduct(): Promise<number> {
  const rows = await db()
    .selectDistinct({ id: orderItems.orderId })
    .from(orderItems)
    .where(inArray(orderItems.productId, [productId]));
  return rows.length;
}

describe('checkout rate limit', () => {
  it(`lets a client start ${CHECKOUT_LIMIT.limit} checkouts per window, then refuses with a message and places no order`, async () => {
    const ip = `203.0.113.${randomBytes(1)[0]}`;
    for (let i = 0; i < CHECKOUT_LIMIT.limit; i++)
      expect(await checkoutFrom(ip)).toBe('redirected');
    const before = await ordersOfProduct();

    expect(await checkoutFrom(ip)).toBe(
      'Too many checkouts were started from your connection. Wait a few minutes, then try again.',
    );
    expect(await ordersOfProduct()).toBe(before);
  });

  it('counts each client apart', async () => {
    expect(await checkoutFrom(`198.18.${randomBytes(1)[0]}.7`)).toBe('redirected');
  });

  it('holds across instances: attempts through separate connection pools share one count', async () => {
    const ip = `192.0.2.${randomBytes(1)[0]}`;
    const instances = [connect(process.env.DATABASE_URL!), connect(process.env.DATABASE_URL!)];
    try {
      const allowed = await Promise.all(
        Array.from({ length: CHECKOUT_LIMIT.limit + 5 }, (_, i) =>
          consumeAttempt(`checkout:ip:${ip}`, CHECKOUT_LIMIT, instances[i % 2]!.db),
        ),
      );
      expect(allowed.filter(Boolean)).toHaveLength(CHECKOUT_LIMIT.limit);
    } finally {
      await Promise.all(instances.map(({ sql }) => sql.end()));
    }
    // The action reads the same count: this client is refused before any Stripe call.
    expect(await checkoutFrom(ip)).toMatch(/^Too many checkouts/);
  });
});
