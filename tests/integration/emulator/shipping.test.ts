import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  caught,
  clientFor,
  hostedPage,
  LONDON,
  payOnHostedPage,
  sessionParams,
  updateHostedPage,
} from './emulator-harness';

// Shipping rates, a session's shipping options and address collection, and what the hosted page
// charges for them.

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

const standard: Stripe.ShippingRateCreateParams = {
  display_name: 'Standard',
  type: 'fixed_amount',
  fixed_amount: { amount: 500, currency: 'usd' },
  delivery_estimate: {
    minimum: { unit: 'business_day', value: 5 },
    maximum: { unit: 'business_day', value: 7 },
  },
};

async function shippedSession(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<Stripe.Checkout.Session> {
  const rate = await stripe.shippingRates.create(standard);
  return stripe.checkout.sessions.create(
    sessionParams({
      shipping_address_collection: { allowed_countries: ['GB', 'US', 'DE'] },
      shipping_options: [
        { shipping_rate: rate.id },
        {
          shipping_rate_data: {
            display_name: 'Express',
            type: 'fixed_amount',
            fixed_amount: { amount: 1500, currency: 'usd' },
            delivery_estimate: {
              minimum: { unit: 'day', value: 1 },
              maximum: { unit: 'day', value: 1 },
            },
          },
        },
      ],
      ...overrides,
    }),
  );
}

describe('/v1/shipping_rates', () => {
  it('creates, retrieves, lists and updates a fixed-amount rate', async () => {
    const rate = await stripe.shippingRates.create({ ...standard, metadata: { zone: 'domestic' } });
    expect(rate).toMatchObject({
      object: 'shipping_rate',
      active: true,
      display_name: 'Standard',
      type: 'fixed_amount',
      fixed_amount: { amount: 500, currency: 'usd' },
      delivery_estimate: standard.delivery_estimate,
      tax_behavior: null,
      tax_code: null,
      metadata: { zone: 'domestic' },
    });
    expect(rate.id).toMatch(/^shr_/);
    expect((await stripe.shippingRates.retrieve(rate.id)).display_name).toBe('Standard');
    const updated = await stripe.shippingRates.update(rate.id, {
      active: false,
      metadata: { zone: '' },
    });
    expect(updated).toMatchObject({ active: false, metadata: {} });
    const inactive = await stripe.shippingRates.list({ active: false, limit: 100 });
    expect(inactive.data.map((entry) => entry.id)).toContain(rate.id);
  });

  it('requires a display name and a fixed amount', async () => {
    const error = await caught(
      stripe.shippingRates.create({ display_name: 'Nothing', type: 'fixed_amount' }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'fixed_amount' });
  });
});

describe('shipping_options on a Checkout Session', () => {
  it('lists the options and preselects the first one, whose amount is in the total', async () => {
    const session = await shippedSession();
    expect(session.shipping_options).toHaveLength(2);
    expect(session.shipping_options[0]).toMatchObject({ shipping_amount: 500 });
    expect(session.shipping_options[1]?.shipping_amount).toBe(1500);
    expect(String(session.shipping_options[1]?.shipping_rate)).toMatch(/^shr_/);
    expect(session.shipping_cost).toMatchObject({
      amount_subtotal: 500,
      amount_tax: 0,
      amount_total: 500,
      shipping_rate: session.shipping_options[0]?.shipping_rate,
    });
    expect(session.amount_subtotal).toBe(5500);
    expect(session.amount_total).toBe(6000);
    expect(session.total_details).toEqual({
      amount_discount: 0,
      amount_shipping: 500,
      amount_tax: 0,
    });
    expect(session.shipping_address_collection?.allowed_countries).toEqual(['GB', 'US', 'DE']);
  });

  it.each([
    [
      'more than five options',
      { shipping_options: Array.from({ length: 6 }, () => ({ shipping_rate: 'shr_x' })) },
      'shipping_options',
    ],
    [
      'a rate in another currency',
      {
        shipping_options: [
          {
            shipping_rate_data: {
              display_name: 'Euro post',
              type: 'fixed_amount' as const,
              fixed_amount: { amount: 500, currency: 'eur' },
            },
          },
        ],
      },
      'shipping_options[0][shipping_rate_data][fixed_amount][currency]',
    ],
    [
      'an unknown rate',
      { shipping_options: [{ shipping_rate: 'shr_missing' }] },
      'shipping_options[0][shipping_rate]',
    ],
    [
      'a country Stripe does not know',
      { shipping_address_collection: { allowed_countries: ['GB', 'XX' as 'GB'] } },
      'shipping_address_collection[allowed_countries][1]',
    ],
  ])('refuses %s', async (_label, overrides, param) => {
    const error = await caught(stripe.checkout.sessions.create(sessionParams(overrides)));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.param).toBe(param);
  });

  it('refuses shipping options outside payment mode', async () => {
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
        shipping_options: [
          {
            shipping_rate_data: {
              display_name: 'Post',
              type: 'fixed_amount',
              fixed_amount: { amount: 100, currency: 'usd' },
            },
          },
        ],
        success_url: 'http://127.0.0.1:9/ok',
      }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'shipping_options' });
    expect(error.message).toContain('payment');
  });
});

describe('the hosted page with shipping', () => {
  it('shows the address form with only the allowed countries, and the options with their estimates', async () => {
    const session = await shippedSession();
    const html = await hostedPage(session);
    for (const name of [
      'shipping_name',
      'shipping_line1',
      'shipping_line2',
      'shipping_city',
      'shipping_state',
      'shipping_postal_code',
    ]) {
      expect(html).toContain(`<label for="${name}">`);
      expect(html).toContain(`name="${name}"`);
    }
    const countries =
      /<select id="shipping_country"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '';
    const codes = [...countries.matchAll(/value="([A-Z]*)"/g)].map((match) => match[1]);
    expect(codes.sort()).toEqual(['', 'DE', 'GB', 'US']);
    expect(html).toContain('Standard: $5.00 <span class="qty">5–7 business days</span>');
    expect(html).toContain('Express: $15.00 <span class="qty">1 day</span>');
    expect(html).toMatch(/name="shipping_rate" value="shr_[^"]+" checked/);
    expect(html).toContain('<dt>Shipping</dt><dd>$5.00</dd>');
    expect(html).toContain('Total due</dt><dd class="due">$60.00</dd>');
  });

  it('recomputes the total for another option on "Update totals", keeping what was typed', async () => {
    const session = await shippedSession();
    const express = String(session.shipping_options[1]?.shipping_rate);
    const page = await updateHostedPage(session, { ...LONDON, shipping_rate: express });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Total due</dt><dd class="due">$70.00</dd>');
    expect(page.html).toContain('value="12 St James Square"');
    expect(page.html).toMatch(/<option value="GB" selected>/);
    const updated = await stripe.checkout.sessions.retrieve(session.id);
    expect(updated).toMatchObject({
      status: 'open',
      amount_total: 7000,
      shipping_cost: { amount_total: 1500, shipping_rate: express },
      total_details: { amount_shipping: 1500 },
      payment_intent: null,
    });
  });

  it('refuses to pay without a complete address, or to a country not allowed, and charges nothing', async () => {
    const session = await shippedSession();
    const incomplete = await payOnHostedPage(session, '4242424242424242', {
      ...LONDON,
      shipping_line1: '',
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toContain(
      'Your shipping address is incomplete: enter the address line 1.',
    );
    const abroad = await payOnHostedPage(session, '4242424242424242', {
      ...LONDON,
      shipping_country: 'FR',
    });
    expect(abroad.status).toBe(400);
    expect(abroad.html).toContain('We cannot ship to France.');
    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after).toMatchObject({ status: 'open', payment_intent: null });
  });

  it('pays the recomputed total and records the address on the session, PaymentIntent and charge', async () => {
    const session = await shippedSession();
    const express = String(session.shipping_options[1]?.shipping_rate);
    const paid = await payOnHostedPage(session, '4242424242424242', {
      ...LONDON,
      shipping_rate: express,
    });
    expect(paid.status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['payment_intent.latest_charge'],
    });
    const address = {
      line1: '12 St James Square',
      line2: null,
      city: 'London',
      state: null,
      postal_code: 'SW1Y 4JH',
      country: 'GB',
    };
    expect(done).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      amount_subtotal: 5500,
      amount_total: 7000,
      collected_information: { shipping_details: { name: 'Ada Lovelace', address } },
      shipping_cost: {
        amount_subtotal: 1500,
        amount_tax: 0,
        amount_total: 1500,
        shipping_rate: express,
      },
      total_details: { amount_discount: 0, amount_shipping: 1500, amount_tax: 0 },
      customer_details: { address, email: 'ada@example.com' },
    });
    expect('shipping_details' in done).toBe(false);
    const intent = done.payment_intent as Stripe.PaymentIntent;
    expect(intent.amount).toBe(7000);
    expect(intent.shipping).toMatchObject({ name: 'Ada Lovelace', address });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge.amount).toBe(7000);
    expect(charge.shipping?.address?.country).toBe('GB');
  });
});
