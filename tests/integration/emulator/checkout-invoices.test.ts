import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  caught,
  clientFor,
  LONDON,
  payOnHostedPage,
  sessionParams,
  startReceiver,
  eventually,
  type WebhookReceiver,
} from './emulator-harness';

// invoice_creation: a paid post-payment invoice for a one-time Checkout payment, with its hosted
// page and PDF, and the events a store receives.

let emulator: RunningEmulator;
let stripe: Stripe;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: 'whsec_test',
  });
  stripe = clientFor(emulator);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});

async function invoicedSession(): Promise<Stripe.Checkout.Session> {
  const coupon = await stripe.coupons.create({ amount_off: 500, currency: 'usd' });
  const code = await stripe.promotionCodes.create({
    promotion: { type: 'coupon', coupon: coupon.id },
  });
  const session = await stripe.checkout.sessions.create(
    sessionParams({
      allow_promotion_codes: true,
      automatic_tax: { enabled: true },
      shipping_address_collection: { allowed_countries: ['GB'] },
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Royal Mail',
            type: 'fixed_amount',
            fixed_amount: { amount: 400, currency: 'usd' },
            tax_behavior: 'exclusive',
          },
        },
      ],
      invoice_creation: {
        enabled: true,
        invoice_data: {
          description: 'Order 42',
          footer: 'Thank you for shopping at Shopfront.',
          metadata: { order_id: '42' },
          custom_fields: [{ name: 'Order', value: '42' }],
        },
      },
    }),
  );
  const paid = await payOnHostedPage(session, '4242424242424242', {
    ...LONDON,
    promotion_code: code.code,
  });
  expect(paid.status).toBe(303);
  return stripe.checkout.sessions.retrieve(session.id, { expand: ['invoice'] });
}

describe('invoice_creation', () => {
  it('is echoed on payment sessions and refused in subscription mode', async () => {
    const plain = await stripe.checkout.sessions.create(sessionParams());
    expect(plain.invoice_creation).toMatchObject({ enabled: false });
    const error = await caught(
      stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: 900,
              recurring: { interval: 'month' },
              product_data: { name: 'Tea club' },
            },
          },
        ],
        invoice_creation: { enabled: true },
        success_url: 'http://127.0.0.1:9/ok',
      }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'invoice_creation' });
  });

  it('makes a paid invoice for a new customer with the lines, discount, shipping and tax', async () => {
    const session = await invoicedSession();
    const invoice = session.invoice as Stripe.Invoice;
    // Subtotal 55.00, less 5.00, plus 4.00 shipping, plus 20 % VAT on 50.00 and 4.00.
    const total = 5500 - 500 + 400 + 1080;
    expect(session).toMatchObject({
      amount_total: total,
      total_details: { amount_discount: 500, amount_shipping: 400, amount_tax: 1080 },
      invoice_creation: {
        enabled: true,
        invoice_data: { description: 'Order 42', metadata: { order_id: '42' } },
      },
    });
    expect(session.customer).toMatch(/^cus_/);
    expect(invoice).toMatchObject({
      object: 'invoice',
      status: 'paid',
      customer: session.customer,
      currency: 'usd',
      subtotal: 5500,
      total,
      amount_paid: total,
      amount_remaining: 0,
      amount_shipping: 400,
      description: 'Order 42',
      footer: 'Thank you for shopping at Shopfront.',
      metadata: { order_id: '42' },
      custom_fields: [{ name: 'Order', value: '42' }],
      hosted_invoice_url: `${emulator.url}/i/${invoice.id}`,
      invoice_pdf: `${emulator.url}/i/${invoice.id}/pdf`,
      shipping_cost: { amount_subtotal: 400, amount_tax: 80, amount_total: 480 },
      shipping_details: { name: 'Ada Lovelace', address: { country: 'GB' } },
    });
    expect(invoice.number).toMatch(/-0001$/);
    expect(invoice.lines.data.map((line) => [line.description, line.amount])).toEqual([
      ['Enamel mug', 2500],
      ['Teapot', 3000],
    ]);
    expect(invoice.total_discount_amounts?.[0]?.amount).toBe(500);
    expect(invoice.total_taxes?.reduce((sum, tax) => sum + tax.amount, 0)).toBe(1080);
    const intent = await stripe.paymentIntents.retrieve(String(session.payment_intent));
    expect(intent.amount).toBe(total);
  });

  it('serves the hosted invoice page and a PDF with the same content', async () => {
    const session = await invoicedSession();
    const invoice = session.invoice as Stripe.Invoice;
    const page = await fetch(String(invoice.hosted_invoice_url));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(`Invoice ${invoice.number}`);
    expect(html).toContain('Paid on');
    expect(html).toContain('Teapot');
    expect(html).toContain('<dt class="due">Total</dt><dd class="due">$64.80</dd>');

    const pdf = await fetch(String(invoice.invoice_pdf));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = bytes.toString('latin1');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toContain(`(Invoice ${invoice.number})`);
    expect(text).toContain('(64.80 USD)');
    // The cross-reference table is where startxref says, and points at each object.
    const xref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
      Number(m[1]),
    );
    expect(offsets.length).toBeGreaterThan(5);
    offsets.forEach((offset, index) => {
      expect(text.startsWith(`${index + 1} 0 obj`, offset)).toBe(true);
    });

    expect((await fetch(`${emulator.url}/i/in_missing`)).status).toBe(404);
  });

  it('sends the invoice events before checkout.session.completed, which names the invoice', async () => {
    const session = await invoicedSession();
    const invoiceId = (session.invoice as Stripe.Invoice).id;
    const completed = await eventually(
      () =>
        receiver.received
          .map((delivery) => JSON.parse(delivery.body) as Stripe.Event)
          .find(
            (event) =>
              event.type === 'checkout.session.completed' && event.data.object.id === session.id,
          ),
      'checkout.session.completed',
    );
    expect((completed.data.object as Stripe.Checkout.Session).invoice).toBe(invoiceId);
    const events = await stripe.events.list({ limit: 100 });
    const types = events.data
      .filter((event) => {
        const object = event.data.object as { id?: string };
        return object.id === invoiceId || object.id === session.id;
      })
      .map((event) => event.type)
      .reverse();
    expect(types).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'checkout.session.completed',
    ]);
  });
});
