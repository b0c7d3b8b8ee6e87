import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { orders, promotionCodes, type OfferedShippingRate } from '@/db/schema';
import { fulfilCheckout } from '@/lib/checkout/fulfilment';
import { orderLinkKey } from '@/lib/orders/guest-link';
import {
  orderNow,
  outboxOf,
  pendingOrder,
  recordedEvent,
  timelineOf,
} from '@/tests/integration/webhooks/order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
  uniqueId,
} from '@/tests/integration/webhooks/stripe-fixtures';

vi.mock('server-only', () => ({}));

process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;
process.env.APP_URL = 'http://127.0.0.1:3000';

const { GET: openInvoice } = await import('@/app/(store)/account/orders/[id]/invoice/route');

/** Stands in for GET /v1/invoices/:id, the one call the invoice route makes; counts the calls. */
const invoices = new Map<string, Partial<Stripe.Invoice>>();
let invoiceRetrievals = 0;
let stripeApi: Server;

beforeAll(async () => {
  stripeApi = createServer((request, response) => {
    const id = decodeURIComponent(request.url?.match(/^\/v1\/invoices\/([^/?]+)/)?.[1] ?? '');
    invoiceRetrievals++;
    const invoice = invoices.get(id);
    response.setHeader('Content-Type', 'application/json');
    response.statusCode = invoice ? 200 : 404;
    response.end(
      JSON.stringify(
        invoice ?? {
          error: {
            type: 'invalid_request_error',
            code: 'resource_missing',
            message: 'No such invoice',
          },
        },
      ),
    );
  });
  await new Promise<void>((resolve) => stripeApi.listen(0, '127.0.0.1', resolve));
  process.env.STRIPE_API_BASE = `http://127.0.0.1:${(stripeApi.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => stripeApi.close(resolve));
  await db().$client.end();
});

const OFFERED: OfferedShippingRate[] = [
  { stripeId: 'shr_standard', rateId: 'rate-standard', name: 'Standard', amount: 900 },
  { stripeId: 'shr_express', rateId: 'rate-express', name: 'Express', amount: 2500 },
];

/** A pending order for 2 × $25.00 of goods that ship, with the rates its session offered. */
async function shippedOrder() {
  const { order } = await pendingOrder();
  await db()
    .update(orders)
    .set({ shippingOptions: OFFERED, shippingCountry: 'SE', fulfilmentStatus: 'unfulfilled' })
    .where(eq(orders.id, order.id));
  return order;
}

/** A code the admin made (lib/promotions): inactive, so no other test's session offers codes. */
async function storeCode(code: string): Promise<string> {
  const id = uniqueId('promo');
  await db()
    .insert(promotionCodes)
    .values({ id, code, couponId: uniqueId('coupon'), percentOff: 10, active: false });
  return id;
}

/**
 * The session as Stripe reports it once paid: $50.00 of goods, a $5.00 discount, Standard
 * shipping at $9.00, $13.50 tax, so $67.50 in all; the address, the code, a tax id, the invoice.
 */
function paidSession(
  orderId: string,
  options: {
    promotionCodeId?: string;
    rate?: string;
    paymentStatus?: Stripe.Checkout.Session.PaymentStatus;
  } = {},
): Stripe.Checkout.Session {
  const completed = completedSession(checkoutSession(orderId), options.paymentStatus ?? 'paid');
  return {
    ...completed,
    amount_subtotal: 5000,
    amount_total: 6750,
    total_details: { amount_discount: 500, amount_shipping: 900, amount_tax: 1350 },
    collected_information: {
      business_name: null,
      individual_name: null,
      shipping_details: {
        name: 'Ada Lovelace',
        address: {
          line1: 'Drottninggatan 1',
          line2: null,
          city: 'Stockholm',
          state: null,
          postal_code: '111 51',
          country: 'SE',
        },
      },
    },
    shipping_cost: {
      amount_subtotal: 900,
      amount_tax: 0,
      amount_total: 900,
      shipping_rate: options.rate ?? 'shr_standard',
    },
    discounts: [
      { coupon: uniqueId('coupon'), promotion_code: options.promotionCodeId ?? uniqueId('promo') },
    ],
    customer_details: {
      ...completed.customer_details!,
      tax_ids: [{ type: 'eu_vat', value: 'SE556677889901' }],
    },
    invoice: 'in_test_order',
  };
}

const RECORDED = {
  amountSubtotal: 5000,
  amountDiscount: 500,
  amountShipping: 900,
  amountTax: 1350,
  amountTotal: 6750,
  amountCaptured: 6750,
  shippingName: 'Ada Lovelace',
  shippingAddress: {
    line1: 'Drottninggatan 1',
    line2: null,
    city: 'Stockholm',
    state: null,
    postal_code: '111 51',
    country: 'SE',
  },
  shippingRateId: 'rate-standard',
  shippingRateName: 'Standard',
  promotionCode: 'SPRING10',
  customerTaxIds: [{ type: 'eu_vat', value: 'SE556677889901' }],
  stripeInvoiceId: 'in_test_order',
  fulfilmentStatus: 'unfulfilled',
};

describe('recording what a completed Checkout Session says', () => {
  it('writes the totals, address, rate, code, tax ids and invoice; the totals add up to what was paid', async () => {
    const order = await shippedOrder();
    const promotionCodeId = await storeCode('SPRING10');

    const result = await fulfilCheckout(paidSession(order.id, { promotionCodeId }), {
      actor: 'customer',
    });

    expect(result).toMatchObject({ kind: 'order', status: 'paid', changed: true });
    const recorded = await orderNow(order.id);
    expect(recorded).toMatchObject({ ...RECORDED, promotionCodeId, status: 'paid' });
    expect(
      recorded.amountSubtotal -
        recorded.amountDiscount +
        recorded.amountShipping +
        recorded.amountTax,
    ).toBe(recorded.amountTotal);
  });

  it('applied again, and after the async payment’s event, changes nothing more', async () => {
    const order = await shippedOrder();
    const promotionCodeId = await storeCode('SPRING10');
    const session = paidSession(order.id, { promotionCodeId });
    // The async payment's event first (the webhook), then the success page's snapshot, twice.
    const event = checkoutEvent('checkout.session.async_payment_succeeded', session);
    expect((await POST(signedDelivery(event))).status).toBe(200);
    expect((await recordedEvent(event.id))?.result).toMatch(/pending → paid/);

    const again = await fulfilCheckout(session, { actor: 'customer' });
    const thrice = await fulfilCheckout(session, { actor: 'customer' });

    expect(again).toMatchObject({ status: 'paid', changed: false });
    expect(thrice).toMatchObject({ status: 'paid', changed: false });
    expect(await orderNow(order.id)).toMatchObject({ ...RECORDED, promotionCodeId });
    expect(await timelineOf(order.id)).toHaveLength(1);
    expect(await outboxOf(order.id)).toHaveLength(1);
  });

  it('records a session completed unpaid while processing, and the same when the payment settles', async () => {
    const order = await shippedOrder();
    const promotionCodeId = await storeCode('SPRING10');

    const unpaid = paidSession(order.id, { promotionCodeId, paymentStatus: 'unpaid' });
    await fulfilCheckout(unpaid, { actor: 'customer' });
    const processing = await orderNow(order.id);
    const settled = checkoutEvent('checkout.session.async_payment_succeeded', {
      ...unpaid,
      payment_status: 'paid',
    });
    expect((await POST(signedDelivery(settled))).status).toBe(200);

    const { amountCaptured: _captured, ...beforePayment } = RECORDED;
    expect(processing).toMatchObject({
      ...beforePayment,
      status: 'processing',
      amountCaptured: null,
    });
    expect(await orderNow(order.id)).toMatchObject({ ...RECORDED, status: 'paid' });
  });

  it('names a rate and a code the store does not know by Stripe’s ids', async () => {
    const order = await shippedOrder();
    const promotionCodeId = uniqueId('promo');

    await fulfilCheckout(paidSession(order.id, { promotionCodeId, rate: 'shr_unknown' }), {
      actor: 'stripe',
    });

    expect(await orderNow(order.id)).toMatchObject({
      shippingRateId: 'shr_unknown',
      shippingRateName: null,
      promotionCodeId,
      promotionCode: promotionCodeId,
    });
  });

  it('confirms by email with the totals breakdown, the address and rate, the tax id and the invoice link', async () => {
    const order = await shippedOrder();
    const promotionCodeId = await storeCode('SPRING10');

    await fulfilCheckout(paidSession(order.id, { promotionCodeId }), { actor: 'stripe' });

    const [email] = await outboxOf(order.id);
    const key = orderLinkKey(order.id);
    expect(email?.body).toContain(
      [
        'Subtotal: $50.00',
        'Discount (SPRING10): −$5.00',
        'Shipping: $9.00',
        'Tax: $13.50',
        'Total: $67.50',
        '',
        'Shipping to:',
        '  Ada Lovelace',
        '  Drottninggatan 1',
        '  Stockholm, 111 51',
        '  Sweden',
        '',
        'Delivery: Standard',
        '',
        'Tax ID: EU VAT SE556677889901',
        '',
        `Your invoice: http://127.0.0.1:3000/account/orders/${order.id}/invoice?key=${key}`,
        '',
        `Your order: http://127.0.0.1:3000/account/orders/${order.id}?key=${key}`,
      ].join('\n'),
    );
  });
});

/** An invoice.* event for a one-time invoice Checkout made for `orderId`. */
function invoiceEvent(
  type: 'invoice.paid' | 'invoice.payment_failed',
  invoice: Partial<Stripe.Invoice>,
): Stripe.Event {
  return {
    id: uniqueId('evt'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    // Only the fields the store reads of an invoice; the rest of Stripe's object is noise here.
    data: { object: { object: 'invoice', parent: null, ...invoice } as Stripe.Invoice },
  } as Stripe.Event;
}

describe('the invoice of a one-time order', () => {
  it('gets its links from the invoice’s event, once', async () => {
    const order = await shippedOrder();
    await fulfilCheckout(paidSession(order.id), { actor: 'stripe' });
    const invoice = {
      id: 'in_test_order',
      metadata: { order_id: order.id, order_number: String(order.number) },
      hosted_invoice_url: 'https://invoice.stripe.test/i/in_test_order',
      invoice_pdf: 'https://invoice.stripe.test/i/in_test_order/pdf',
    };
    const first = invoiceEvent('invoice.paid', invoice);
    const again = invoiceEvent('invoice.paid', invoice);

    expect((await POST(signedDelivery(first))).status).toBe(200);
    expect((await POST(signedDelivery(again))).status).toBe(200);

    expect(await orderNow(order.id)).toMatchObject({
      stripeInvoiceId: 'in_test_order',
      invoiceUrl: 'https://invoice.stripe.test/i/in_test_order',
      invoicePdfUrl: 'https://invoice.stripe.test/i/in_test_order/pdf',
    });
    expect((await recordedEvent(first.id))?.result).toMatch(/recorded$/);
    expect((await recordedEvent(again.id))?.result).toMatch(/unchanged$/);
  });

  it('ignores an invoice that names no order of the store', async () => {
    const event = invoiceEvent('invoice.paid', {
      id: uniqueId('in'),
      metadata: { order_id: '00000000-0000-4000-8000-000000000000' },
      hosted_invoice_url: 'https://invoice.stripe.test/i/other',
    });
    expect((await POST(signedDelivery(event))).status).toBe(200);
    expect((await recordedEvent(event.id))?.result).toMatch(/^ignored: .*names no order/);
  });

  it('opens through the store’s signed link: the hosted page, or the PDF', async () => {
    const order = await shippedOrder();
    await db()
      .update(orders)
      .set({
        stripeInvoiceId: 'in_known',
        invoiceUrl: 'https://invoice.stripe.test/i/in_known',
        invoicePdfUrl: 'https://invoice.stripe.test/i/in_known/pdf',
      })
      .where(eq(orders.id, order.id));
    const key = orderLinkKey(order.id);

    const page = await open(order.id, `?key=${key}`);
    const pdf = await open(order.id, `?key=${key}&format=pdf`);
    const forged = await open(order.id, '?key=forged');

    expect([page.status, page.headers.get('location')]).toEqual([
      303,
      'https://invoice.stripe.test/i/in_known',
    ]);
    expect(pdf.headers.get('location')).toBe('https://invoice.stripe.test/i/in_known/pdf');
    expect(forged.status).toBe(404);
  });

  it('asks Stripe once when the events have not brought the links yet, and keeps them', async () => {
    const order = await shippedOrder();
    await db()
      .update(orders)
      .set({ stripeInvoiceId: 'in_not_seen_yet' })
      .where(eq(orders.id, order.id));
    invoices.set('in_not_seen_yet', {
      id: 'in_not_seen_yet',
      object: 'invoice',
      hosted_invoice_url: 'https://invoice.stripe.test/i/in_not_seen_yet',
      invoice_pdf: 'https://invoice.stripe.test/i/in_not_seen_yet/pdf',
    });
    const key = orderLinkKey(order.id);
    const before = invoiceRetrievals;

    const first = await open(order.id, `?key=${key}`);
    const second = await open(order.id, `?key=${key}&format=pdf`);

    expect(first.headers.get('location')).toBe('https://invoice.stripe.test/i/in_not_seen_yet');
    expect(second.headers.get('location')).toBe(
      'https://invoice.stripe.test/i/in_not_seen_yet/pdf',
    );
    expect(invoiceRetrievals - before).toBe(1);
    expect(await orderNow(order.id)).toMatchObject({
      invoiceUrl: 'https://invoice.stripe.test/i/in_not_seen_yet',
    });
  });

  it('is not found for an order without an invoice', async () => {
    const order = await shippedOrder();
    expect((await open(order.id, `?key=${orderLinkKey(order.id)}`)).status).toBe(404);
  });
});

function open(orderId: string, query: string): Promise<Response> {
  return openInvoice(
    new Request(`http://127.0.0.1:3000/account/orders/${orderId}/invoice${query}`),
    { params: Promise.resolve({ id: orderId }) },
  );
}
