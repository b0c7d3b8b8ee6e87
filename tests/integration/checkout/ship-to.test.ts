import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import {
  orderItems,
  orders,
  products,
  promotionCodes,
  shippingRates,
  shippingZones,
} from '@/db/schema';
import { serializeCart } from '@/lib/cart/lines';
import { startCheckout } from '@/lib/checkout/start';
import { promotionCodesOffered } from '@/lib/promotions/availability';
import { createProducts, stockOf } from '@/tests/support/catalogue-fixtures';
import { startPaymentsHarness, type PaymentsHarness } from '@/tests/support/payments-harness';

// The cart's "Ship to": the refusals, and what a checkout without shipped goods keeps. Paying for
// goods that ship, with rates, codes, tax and invoices, is in physical-goods.test.ts.

const request = vi.hoisted(() => ({ ip: '203.0.113.9', cart: '' }));
vi.mock('server-only', () => ({}));
vi.mock(import('next/cache'), async (importOriginal) => ({
  ...(await importOriginal()),
  updateTag: () => {},
}));
vi.mock('next/headers', () => ({
  headers: async () => (await import('@/tests/support/client-headers')).clientHeaders(request.ip),
  cookies: async () => ({
    get: (name: string) => (name === 'cart' ? { name, value: request.cart } : undefined),
    set: () => {},
    delete: () => {},
  }),
}));

const { checkout } = await import('@/lib/checkout/actions');

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
  // Iceland and Greenland ship; the Faroes have a zone but no rate in dollars. Placed first, so
  // zones other test files add cannot take these countries.
  const [north, faroes] = await db()
    .insert(shippingZones)
    .values([
      { name: 'North Atlantic', countries: ['IS', 'GL'], position: -100 },
      { name: 'Faroes', countries: ['FO'], position: -100 },
    ])
    .returning();
  await db()
    .insert(shippingRates)
    .values([
      { zoneId: north!.id, name: 'Standard', amount: 900, currency: 'usd', minDays: 3, maxDays: 6 },
      { zoneId: faroes!.id, name: 'Post', amount: 700, currency: 'eur' },
    ]);
});
afterAll(() => harness.stop());

async function shippedProduct(name: string, stock = 10) {
  const [product] = await createProducts([{ name, unitAmount: 2400, stock }]);
  await db().update(products).set({ ships: true }).where(eq(products.id, product!.id));
  return product!;
}

/** Posts the cart page's checkout form for `productId` with the given "Ship to". */
async function postCheckout(productId: string, country?: string) {
  request.cart = serializeCart({ lines: [{ productId, quantity: 1 }] });
  request.ip = `198.51.100.${randomBytes(1)[0]}`;
  const form = new FormData();
  if (country !== undefined) form.set('country', country);
  try {
    return await checkout({ status: 'idle', message: '' }, form);
  } catch (error) {
    if (String((error as { digest?: string }).digest).startsWith('NEXT_REDIRECT'))
      return { status: 'redirected' as const };
    throw error;
  }
}

async function ordersOf(productId: string) {
  return db()
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(eq(orderItems.productId, productId));
}

describe('the cart’s “Ship to” country', () => {
  it('refuses a country the store does not ship to, on the cart, reserving nothing and opening no session', async () => {
    const lamp = await shippedProduct('Brass lamp');

    const state = await postCheckout(lamp.id, 'KP');

    expect(state).toMatchObject({
      status: 'error',
      message: 'We don’t ship to North Korea. Choose another country.',
      values: { country: 'KP' },
    });
    expect(await stockOf([lamp.id])).toEqual({ [lamp.id]: 10 });
    expect(await ordersOf(lamp.id)).toEqual([]);
  });

  it('asks for a country when goods that ship are posted without one', async () => {
    const lamp = await shippedProduct('Paper lamp');
    expect(await postCheckout(lamp.id)).toMatchObject({
      status: 'error',
      message: 'Choose the country your order ships to.',
    });
    // A value that is no country code is no choice either.
    expect(await postCheckout(lamp.id, 'is; drop')).toMatchObject({
      message: 'Choose the country your order ships to.',
    });
    expect(await ordersOf(lamp.id)).toEqual([]);
  });

  it('refuses a country whose zone has no rate in the cart’s currency', async () => {
    const lamp = await shippedProduct('Glass lamp');
    const result = await startCheckout({
      cart: { lines: [{ productId: lamp.id, quantity: 1 }] },
      shipTo: 'FO',
    });
    expect(result).toEqual({
      kind: 'rejected',
      message: 'We can’t ship this order to Faroe Islands at the moment. Choose another country.',
      problems: [],
    });
    expect(await stockOf([lamp.id])).toEqual({ [lamp.id]: 10 });
  });

  it('a cart without goods that ship ignores the country and checks out exactly as before', async () => {
    const [ebook] = await createProducts([{ name: 'Field guide', unitAmount: 1500, stock: null }]);

    const result = await startCheckout({
      cart: { lines: [{ productId: ebook!.id, quantity: 1 }] },
      shipTo: 'KP',
    });

    if (result.kind !== 'redirect') throw new Error(`refused: ${JSON.stringify(result)}`);
    const [order] = await db().select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({
      fulfilmentStatus: null,
      shippingCountry: null,
      shippingOptions: null,
    });
    const session = await harness.sdk.checkout.sessions.retrieve(result.sessionId);
    expect(session.shipping_address_collection).toBeNull();
    expect(session.shipping_options).toEqual([]);
  });
});

describe('promotion codes on the session', () => {
  async function addCode(values: Partial<typeof promotionCodes.$inferInsert>) {
    const id = `promo_${randomBytes(8).toString('hex')}`;
    await db()
      .insert(promotionCodes)
      .values({ id, code: id.toUpperCase(), couponId: `coupon_${id}`, ...values });
    return id;
  }

  it('are offered when an active amount code in the cart’s currency exists', async () => {
    await addCode({ amountOff: 500, currency: 'chf' });
    const [scarf] = await createProducts([
      { name: 'Wool scarf', unitAmount: 4500, stock: null, currency: 'chf' },
    ]);

    const result = await startCheckout({
      cart: { lines: [{ productId: scarf!.id, quantity: 1 }] },
    });

    if (result.kind !== 'redirect') throw new Error(`refused: ${JSON.stringify(result)}`);
    const session = await harness.sdk.checkout.sessions.retrieve(result.sessionId);
    expect(session.allow_promotion_codes).toBe(true);
  });

  it('are offered only for codes that can apply: active, unexpired, a percentage or the same currency', async () => {
    // Alone with its own codes: a snapshot in which every other file's codes are deleted, then
    // rolled back, so codes other tests add cannot answer for these.
    const answers = await db()
      .transaction(
        async (tx) => {
          await tx.delete(promotionCodes);
          const offered = async () => ({
            nok: await promotionCodesOffered('nok', tx),
            sek: await promotionCodesOffered('SEK', tx),
          });
          const none = await offered();
          const suffix = randomBytes(4).toString('hex');
          await tx.insert(promotionCodes).values([
            {
              id: `promo_a${suffix}`,
              code: `A${suffix}`,
              couponId: 'c1',
              amountOff: 500,
              currency: 'sek',
            },
            {
              id: `promo_b${suffix}`,
              code: `B${suffix}`,
              couponId: 'c2',
              percentOff: 10,
              active: false,
            },
            {
              id: `promo_c${suffix}`,
              code: `C${suffix}`,
              couponId: 'c3',
              percentOff: 10,
              expiresAt: new Date(Date.now() - 60_000),
            },
          ]);
          const inactiveOrExpired = await offered();
          await tx.insert(promotionCodes).values({
            id: `promo_d${suffix}`,
            code: `D${suffix}`,
            couponId: 'c4',
            percentOff: 15,
            expiresAt: new Date(Date.now() + 3_600_000),
          });
          const percent = await offered();
          throw new Rollback({ none, inactiveOrExpired, percent });
        },
        { isolationLevel: 'repeatable read' },
      )
      .catch((error: unknown) => {
        if (error instanceof Rollback) return error.answers;
        throw error;
      });

    expect(answers).toEqual({
      none: { nok: false, sek: false },
      inactiveOrExpired: { nok: false, sek: true },
      percent: { nok: true, sek: true },
    });
  });
});

class Rollback extends Error {
  constructor(readonly answers: Record<string, { nok: boolean; sek: boolean }>) {
    super('rollback');
  }
}
