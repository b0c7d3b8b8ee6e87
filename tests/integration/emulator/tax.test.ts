import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { jurisdictionFor, rateFor, taxOn, TAX_CODES } from '@/emulator/tax/rate-table';
import {
  caught,
  clientFor,
  hostedPage,
  LONDON,
  payOnHostedPage,
  sessionParams,
  updateHostedPage,
} from './emulator-harness';

// Automatic tax from the emulator's rate table (an emulation of Stripe Tax, see
// emulator/tax/rate-table.ts), tax id collection, and what customer_update must allow.

describe('the rate table', () => {
  it('finds a US state or Canadian province before the country, and nothing elsewhere', () => {
    expect(jurisdictionFor({ country: 'us', state: 'ca' })?.standard).toBe(7.25);
    expect(jurisdictionFor({ country: 'US', state: 'OR' })).toBeNull();
    expect(jurisdictionFor({ country: 'CA', state: 'ON' })?.taxType).toBe('hst');
    expect(jurisdictionFor({ country: 'CA', state: 'AB' })?.standard).toBe(5);
    expect(jurisdictionFor({ country: 'BR', state: null })).toBeNull();
  });

  it('rates goods, books and shipping by tax code', () => {
    const uk = { country: 'GB', state: null };
    expect(rateFor(uk, null)).toMatchObject({ percentage: 20, reason: 'standard_rated' });
    expect(rateFor(uk, TAX_CODES.goods)).toMatchObject({ percentage: 20 });
    expect(rateFor(uk, TAX_CODES.books)).toMatchObject({ percentage: 0, reason: 'zero_rated' });
    expect(rateFor({ country: 'DE', state: null }, TAX_CODES.books)).toMatchObject({
      percentage: 7,
      reason: 'reduced_rated',
    });
    expect(rateFor({ country: 'US', state: 'CA' }, TAX_CODES.shipping)).toMatchObject({
      percentage: 0,
      reason: 'not_subject_to_tax',
    });
    expect(rateFor({ country: 'US', state: 'NY' }, TAX_CODES.shipping).percentage).toBe(4);
    expect(rateFor({ country: 'BR', state: null }, null)).toMatchObject({
      percentage: 0,
      reason: 'not_collecting',
    });
  });

  it('adds exclusive tax and extracts inclusive tax, rounding each amount', () => {
    expect(taxOn(5500, 20, false)).toBe(1100);
    expect(taxOn(6000, 20, true)).toBe(1000);
    expect(taxOn(999, 7.25, false)).toBe(72);
    expect(taxOn(1000, 0, false)).toBe(0);
  });
});

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

function taxedSession(
  items: Stripe.Checkout.SessionCreateParams.LineItem[],
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create(
    sessionParams({
      line_items: items,
      automatic_tax: { enabled: true },
      shipping_address_collection: { allowed_countries: ['GB', 'US', 'DE', 'BR'] },
      shipping_options: [
        {
          shipping_rate_data: {
            display_name: 'Standard',
            type: 'fixed_amount',
            fixed_amount: { amount: 500, currency: 'usd' },
            tax_behavior: 'exclusive',
            tax_code: TAX_CODES.shipping,
          },
        },
      ],
      ...overrides,
    }),
  );
}

const mug = (
  taxBehavior: 'exclusive' | 'inclusive',
  taxCode: string = TAX_CODES.goods,
): Stripe.Checkout.SessionCreateParams.LineItem => ({
  quantity: 2,
  price_data: {
    currency: 'usd',
    unit_amount: 2500,
    tax_behavior: taxBehavior,
    product_data: { name: 'Enamel mug', tax_code: taxCode },
  },
});

describe('automatic tax on a Checkout Session', () => {
  it('waits for the address, then adds exclusive tax on goods and shipping', async () => {
    const session = await taxedSession([mug('exclusive')]);
    expect(session.automatic_tax).toMatchObject({
      enabled: true,
      status: 'requires_location_inputs',
    });
    expect(session.amount_total).toBe(5500);
    expect(await hostedPage(session)).toContain('Calculated once your address is entered');

    const page = await updateHostedPage(session, LONDON);
    // 20 % of 50.00 and of 5.00.
    expect(page.html).toContain('<dt>Tax</dt><dd>$11.00</dd>');
    expect(page.html).toContain('Total due</dt><dd class="due">$66.00</dd>');

    expect((await payOnHostedPage(session, '4242424242424242', LONDON)).status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['line_items', 'total_details.breakdown', 'payment_intent'],
    });
    expect(done.automatic_tax.status).toBe('complete');
    expect(done.total_details).toMatchObject({ amount_tax: 1100, amount_shipping: 500 });
    expect(done.shipping_cost).toMatchObject({
      amount_subtotal: 500,
      amount_tax: 100,
      amount_total: 600,
    });
    expect(done.line_items?.data[0]).toMatchObject({
      amount_subtotal: 5000,
      amount_tax: 1000,
      amount_total: 6000,
    });
    expect(done.total_details?.breakdown?.taxes).toEqual([
      expect.objectContaining({
        amount: 1100,
        taxable_amount: 5500,
        taxability_reason: 'standard_rated',
        rate: expect.objectContaining({ percentage: 20, country: 'GB', tax_type: 'vat' }),
      }),
    ]);
    expect(done.amount_total).toBe(5000 + 500 + 1100);
    expect((done.payment_intent as Stripe.PaymentIntent).amount).toBe(6600);
  });

  it('extracts inclusive tax without changing the total', async () => {
    const session = await taxedSession([mug('inclusive')]);
    await updateHostedPage(session, LONDON);
    const updated = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    // 50.00 includes 8.33 of VAT; shipping is exclusive: 5.00 + 1.00.
    expect(updated.line_items?.data[0]).toMatchObject({ amount_tax: 833, amount_total: 5000 });
    expect(updated.total_details?.amount_tax).toBe(933);
    expect(updated.amount_total).toBe(5000 + 500 + 100);
  });

  it('zero rates books in the UK and taxes nothing where the table collects nothing', async () => {
    const books = await taxedSession([mug('exclusive', TAX_CODES.books)]);
    await updateHostedPage(books, LONDON);
    const uk = await stripe.checkout.sessions.retrieve(books.id);
    expect(uk.total_details?.amount_tax).toBe(100);
    expect(uk.amount_total).toBe(5000 + 500 + 100);

    const elsewhere = await taxedSession([mug('exclusive')]);
    await updateHostedPage(elsewhere, {
      ...LONDON,
      shipping_city: 'São Paulo',
      shipping_country: 'BR',
    });
    const brazil = await stripe.checkout.sessions.retrieve(elsewhere.id);
    expect(brazil.automatic_tax.status).toBe('complete');
    expect(brazil.total_details?.amount_tax).toBe(0);
    expect(brazil.amount_total).toBe(5500);
  });

  it('asks for the billing country when no shipping address is collected', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        line_items: [mug('exclusive')],
        automatic_tax: { enabled: true },
      }),
    );
    const html = await hostedPage(session);
    expect(html).toContain('<label for="billing_country">');
    expect(html).toContain('<label for="billing_postal_code">');
    const refused = await payOnHostedPage(session, '4242424242424242');
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Enter your billing country');
    const paid = await payOnHostedPage(session, '4242424242424242', {
      billing_country: 'US',
      billing_state: 'NY',
      billing_postal_code: '10001',
    });
    expect(paid.status).toBe(303);
    const done = await stripe.checkout.sessions.retrieve(session.id);
    expect(done.total_details?.amount_tax).toBe(200);
    expect(done.customer_details?.address).toMatchObject({ country: 'US', postal_code: '10001' });
  });
});

describe('tax id collection', () => {
  it('offers a tax id type and value, and records them on customer_details', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({ tax_id_collection: { enabled: true } }),
    );
    expect(session.tax_id_collection).toEqual({ enabled: true, required: 'never' });
    const html = await hostedPage(session);
    expect(html).toContain('<label for="tax_id_type">');
    expect(html).toContain('<option value="eu_vat">EU VAT</option>');
    expect(html).toContain('<label for="tax_id_value">');
    const invalid = await payOnHostedPage(session, '4242424242424242', {
      tax_id_type: 'gb_vat',
      tax_id_value: '123',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain('Your tax ID is invalid.');
    await payOnHostedPage(session, '4242424242424242', {
      tax_id_type: 'gb_vat',
      tax_id_value: 'GB 123456789',
    });
    const done = await stripe.checkout.sessions.retrieve(session.id);
    expect(done.customer_details).toMatchObject({
      tax_exempt: 'none',
      tax_ids: [{ type: 'gb_vat', value: 'GB123456789' }],
    });
  });
});

describe('an existing customer and what Checkout may save', () => {
  it('refuses automatic tax unless the address may be saved or the customer has one', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const params = sessionParams({
      customer: customer.id,
      customer_email: undefined,
      automatic_tax: { enabled: true },
    });
    const refused = await caught(stripe.checkout.sessions.create(params));
    expect(refused).toMatchObject({ statusCode: 400 });
    expect(refused.message).toContain('customer_update[address]');
    await expect(
      stripe.checkout.sessions.create({ ...params, customer_update: { address: 'auto' } }),
    ).resolves.toMatchObject({ automatic_tax: { enabled: true } });
    await expect(
      stripe.checkout.sessions.create({ ...params, customer_update: { shipping: 'auto' } }),
    ).resolves.toMatchObject({ status: 'open' });
    // A customer with an address is taxed from it at once.
    const located = await stripe.customers.create({ address: { country: 'GB' } });
    await expect(
      stripe.checkout.sessions.create({ ...params, customer: located.id }),
    ).resolves.toMatchObject({
      automatic_tax: { status: 'complete' },
      total_details: { amount_tax: 1100 },
      amount_total: 6600,
    });
  });

  it('refuses tax id collection unless the name may be saved', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const params = sessionParams({
      customer: customer.id,
      customer_email: undefined,
      tax_id_collection: { enabled: true },
    });
    const refused = await caught(stripe.checkout.sessions.create(params));
    expect(refused.message).toContain('customer_update[name]');
    await expect(
      stripe.checkout.sessions.create({ ...params, customer_update: { name: 'auto' } }),
    ).resolves.toMatchObject({ tax_id_collection: { enabled: true } });
  });

  it('refuses customer_update without a customer, and saves the address when allowed', async () => {
    const alone = await caught(
      stripe.checkout.sessions.create(sessionParams({ customer_update: { address: 'auto' } })),
    );
    expect(alone).toMatchObject({ statusCode: 400, param: 'customer_update' });
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const session = await stripe.checkout.sessions.create(
      sessionParams({
        customer: customer.id,
        customer_email: undefined,
        automatic_tax: { enabled: true },
        customer_update: { address: 'auto', shipping: 'auto' },
        shipping_address_collection: { allowed_countries: ['GB'] },
      }),
    );
    await payOnHostedPage(session, '4242424242424242', LONDON);
    const saved = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(saved.address).toMatchObject({ country: 'GB', city: 'London' });
    expect(saved.shipping).toMatchObject({ name: 'Ada Lovelace', address: { country: 'GB' } });
  });
});
