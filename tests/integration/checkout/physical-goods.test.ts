// Physical goods through the emulator: the hosted page's shipping address, shipping rates,
// promotion codes, tax ids and invoices, and the fields Stripe fills on a completed session
// (collected_information, shipping_cost, total_details, discounts, invoice) reaching the order.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/db/client';
import { orders, products, promotionCodes, shippingRates, shippingZones } from '@/db/schema';
import { buildCheckoutSessionParams } from '@/lib/checkout/session-params';
import { startCheckout } from '@/lib/checkout/start';
import { orderLinkKey } from '@/lib/orders/guest-link';
import { pendingOrder } from '@/tests/integration/webhooks/order-fixtures';
import { createProducts } from '@/tests/support/catalogue-fixtures';
import {
  CARDS,
  eventually,
  startPaymentsHarness,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

vi.mock('server-only', () => ({}));

let harness: PaymentsHarness;
let promotionCode: string;

beforeAll(async () => {
  harness = await startPaymentsHarness();
  // Malta and Cyprus, in Danish kroner: countries and a currency no other test file ships in, so
  // the zone and the promotion code below answer for these tests only.
  const [zone] = await db()
    .insert(shippingZones)
    .values({ name: 'Mediterranean', countries: ['MT', 'CY'], position: -200 })
    .returning();
  await db()
    .insert(shippingRates)
    .values([
      { zoneId: zone!.id, name: 'Express', amount: 9900, currency: 'dkk', minDays: 1, maxDays: 2 },
      {
        zoneId: zone!.id,
        name: 'Standard',
        amount: 4900,
        currency: 'dkk',
        minDays: 3,
        maxDays: 6,
        freeOverAmount: 1_000_000,
      },
    ]);
  // The code is Stripe's (so the hosted page validates it) and the store's (so the order names it).
  promotionCode = `SUMMER${randomBytes(3).toString('hex').toUpperCase()}`;
  const coupon = await harness.sdk.coupons.create({ amount_off: 5000, currency: 'dkk' });
  const promo = await harness.sdk.promotionCodes.create({
    promotion: { type: 'coupon', coupon: coupon.id },
    code: promotionCode,
  });
  await db().insert(promotionCodes).values({
    id: promo.id,
    code: promotionCode,
    couponId: coupon.id,
    amountOff: 5000,
    currency: 'dkk',
  });
});
afterAll(() => harness.stop());

async function shippedProduct() {
  const [product] = await createProducts([
    { name: 'Ceramic vase', unitAmount: 30000, stock: 20, currency: 'dkk' },
  ]);
  await db().update(products).set({ ships: true }).where(eq(products.id, product!.id));
  return product!;
}

/** The hosted page's form as a customer fills it: card, shipping address, rate, code, tax id. */
async function payWithShipping(
  url: string,
  fields: { rate: string; promotionCode?: string; taxId?: { type: string; value: string } },
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: 'ada@example.com',
      cardnumber: CARDS.visa,
      expiry: '12 / 34',
      cvc: '123',
      name: 'Ada Lovelace',
      shipping_name: 'Ada Lovelace',
      shipping_line1: 'Triq il-Merkanti 12',
      shipping_line2: '',
      shipping_city: 'Valletta',
      shipping_state: '',
      shipping_postal_code: 'VLT 1170',
      shipping_country: 'MT',
      shipping_rate: fields.rate,
      ...(fields.promotionCode && { promotion_code: fields.promotionCode }),
      ...(fields.taxId && { tax_id_type: fields.taxId.type, tax_id_value: fields.taxId.value }),
    }).toString(),
  });
  expect(response.status, await response.text()).toBe(303);
}

function rateIds(session: Stripe.Checkout.Session): string[] {
  return session.shipping_options.map((option) =>
    typeof option.shipping_rate === 'string' ? option.shipping_rate : option.shipping_rate.id,
  );
}

describe('physical goods through the hosted page', () => {
  it('a cart with goods that ship opens a session limited to the zone, offering its rates cheapest first', async () => {
    const vase = await shippedProduct();

    const result = await startCheckout({
      cart: { lines: [{ productId: vase.id, quantity: 1 }] },
      shipTo: 'MT',
    });

    if (result.kind !== 'redirect') throw new Error(`refused: ${JSON.stringify(result)}`);
    const session = await harness.sdk.checkout.sessions.retrieve(result.sessionId);
    expect(session.shipping_address_collection?.allowed_countries).toEqual(['MT', 'CY']);
    expect(session.shipping_options.map((option) => option.shipping_amount)).toEqual([4900, 9900]);
    expect(session.allow_promotion_codes).toBe(true);
    const [order] = await db().select().from(orders).where(eq(orders.id, result.orderId));
    const [standard, express] = rateIds(session);
    expect(order).toMatchObject({
      fulfilmentStatus: 'unfulfilled',
      shippingCountry: 'MT',
      shippingOptions: [
        { stripeId: standard, name: 'Standard', amount: 4900 },
        { stripeId: express, name: 'Express', amount: 9900 },
      ],
    });
  });

  it('paid with an address, a rate and a code, the order’s totals are the session’s', async () => {
    const vase = await shippedProduct();
    const result = await startCheckout({
      cart: { lines: [{ productId: vase.id, quantity: 2 }] },
      shipTo: 'MT',
    });
    if (result.kind !== 'redirect') throw new Error(`refused: ${JSON.stringify(result)}`);
    const [, express] = rateIds(await harness.sdk.checkout.sessions.retrieve(result.sessionId));

    await payWithShipping(result.url, { rate: express!, promotionCode });

    const order = await waitForOrder(result.orderId, (o) => o.status === 'paid', 'paid');
    const session = await harness.sdk.checkout.sessions.retrieve(result.sessionId);
    expect(order).toMatchObject({
      amountSubtotal: 60000,
      amountDiscount: 5000,
      amountShipping: 9900,
      amountTotal: session.amount_total,
      amountTax: session.total_details?.amount_tax,
      shippingName: 'Ada Lovelace',
      shippingAddress: {
        line1: 'Triq il-Merkanti 12',
        city: 'Valletta',
        postal_code: 'VLT 1170',
        country: 'MT',
      },
      shippingRateName: 'Express',
      promotionCode,
    });
    expect(
      order.amountSubtotal - order.amountDiscount + order.amountShipping + order.amountTax,
    ).toBe(order.amountTotal);
  });

  it('with tax and invoices on, the session taxes the order, takes a tax id and its invoice reaches the order', async () => {
    // The settings are the store's one row, shared by every test file running at once, so this
    // session is built with them on directly instead of switching them for everyone.
    const { order } = await pendingOrder();
    const params = buildCheckoutSessionParams(
      {
        id: order.id,
        number: order.number,
        currency: 'usd',
        email: null,
        items: [{ name: 'Test mug', unitAmount: 2500, quantity: 2, image: null, taxCode: null }],
      },
      { appUrl: 'http://127.0.0.1:3000', captureMethod: 'automatic', now: new Date() },
      {
        settings: { taxEnabled: true, invoicesEnabled: true },
        allowPromotionCodes: false,
        shipping: {
          countries: ['MT'],
          options: [
            {
              rateId: 'rate-standard',
              name: 'Standard',
              amount: 900,
              currency: 'usd',
              minDays: 2,
              maxDays: 4,
              free: false,
            },
          ],
        },
      },
    );
    const created = await harness.sdk.checkout.sessions.create(params);
    const [standard] = rateIds(created);
    await db()
      .update(orders)
      .set({
        stripeCheckoutSessionId: created.id,
        shippingOptions: [
          { stripeId: standard!, rateId: 'rate-standard', name: 'Standard', amount: 900 },
        ],
      })
      .where(eq(orders.id, order.id));
    expect(created).toMatchObject({
      automatic_tax: { enabled: true },
      tax_id_collection: { enabled: true },
      invoice_creation: { enabled: true },
    });

    await payWithShipping(created.url!, {
      rate: standard!,
      taxId: { type: 'eu_vat', value: 'MT12345678' },
    });

    const paid = await waitForOrder(order.id, (o) => o.invoiceUrl !== null, 'invoiced');
    const session = await harness.sdk.checkout.sessions.retrieve(created.id);
    expect(paid).toMatchObject({
      status: 'paid',
      amountTax: session.total_details?.amount_tax,
      amountTotal: session.amount_total,
      customerTaxIds: [{ type: 'eu_vat', value: 'MT12345678' }],
      shippingRateName: 'Standard',
      stripeInvoiceId: session.invoice,
    });
    expect(paid.amountSubtotal - paid.amountDiscount + paid.amountShipping + paid.amountTax).toBe(
      paid.amountTotal,
    );
    expect(paid.invoicePdfUrl).not.toBeNull();
    // The email's invoice link opens it without signing in.
    const { GET } = await import('@/app/(store)/account/orders/[id]/invoice/route');
    const opened = await eventually(async () => {
      const response = await GET(
        new Request(
          `http://127.0.0.1:3000/account/orders/${order.id}/invoice?key=${orderLinkKey(order.id)}`,
        ),
        { params: Promise.resolve({ id: order.id }) },
      );
      return response.status === 303 ? response : null;
    }, 'the invoice link to open');
    expect(opened.headers.get('location')).toBe(paid.invoiceUrl);
  });
});
