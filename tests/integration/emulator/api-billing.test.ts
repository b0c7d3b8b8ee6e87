import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { advanceTestClock, caught, clientFor, customerOnTestClock } from './emulator-harness';

// Billing without Checkout: subscriptions created over the API, and one-off invoices built from
// invoice items, each charged to the customer's default card.

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

async function customerPaying(card: string, params: Stripe.CustomerCreateParams = {}) {
  return stripe.customers.create({
    ...params,
    payment_method: card,
    invoice_settings: { default_payment_method: card },
  });
}

async function monthlyPrice(): Promise<Stripe.Price> {
  return stripe.prices.create({
    product_data: { name: 'Tea club' },
    unit_amount: 1500,
    currency: 'usd',
    recurring: { interval: 'month' },
  });
}

describe('POST /v1/subscriptions', () => {
  it('charges the first invoice to the customer’s default card and is active', async () => {
    const customer = await customerPaying('pm_card_visa');
    const price = await monthlyPrice();

    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id, quantity: 2 }],
      metadata: { plan: 'tea' },
      expand: ['latest_invoice'],
    });

    expect(subscription).toMatchObject({ status: 'active', metadata: { plan: 'tea' } });
    expect(subscription.items.data[0]).toMatchObject({ quantity: 2, price: { id: price.id } });
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_paid: 3000,
      billing_reason: 'subscription_create',
    });
    expect(invoice.lines.data[0]?.description).toBe('2 × Tea club (at $15.00 / month)');
  });

  it('a card that fails (0341) leaves it incomplete with an open invoice; error_if_incomplete answers 402', async () => {
    const customer = await customerPaying('pm_card_chargeCustomerFail');
    const price = await monthlyPrice();
    const incomplete = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
    });
    expect(incomplete.status).toBe('incomplete');
    const [open] = (await stripe.invoices.list({ subscription: incomplete.id })).data;
    expect(open).toMatchObject({ status: 'open', attempt_count: 1 });

    const refused = await caught(
      stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: price.id }],
        payment_behavior: 'error_if_incomplete',
      }),
    );
    expect(refused).toBeInstanceOf(Stripe.errors.StripeCardError);
  });

  it('refuses one-time prices, and starts at the test clock’s time for a customer on one', async () => {
    const oneTime = await stripe.prices.create({
      product_data: { name: 'Teapot' },
      unit_amount: 4500,
      currency: 'usd',
    });
    const customer = await customerPaying('pm_card_visa');
    const refused = await caught(
      stripe.subscriptions.create({ customer: customer.id, items: [{ price: oneTime.id }] }),
    );
    expect(refused).toMatchObject({ statusCode: 400, param: 'items[0][price]' });

    const { customer: onClock, clock } = await customerOnTestClock(stripe);
    await stripe.paymentMethods.attach('pm_card_visa', { customer: onClock.id }).then((method) =>
      stripe.customers.update(onClock.id, {
        invoice_settings: { default_payment_method: method.id },
      }),
    );
    const subscription = await stripe.subscriptions.create({
      customer: onClock.id,
      items: [{ price: (await monthlyPrice()).id }],
    });
    expect(subscription).toMatchObject({ start_date: clock.frozen_time, test_clock: clock.id });
    await advanceTestClock(stripe, clock, 32 * 24 * 60 * 60);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(2);
  });
});

describe('invoice items and one-off invoices', () => {
  it('an invoice takes the pending items when asked to, is finalized by paying it, and is paid', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const method = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const item = await stripe.invoiceItems.create({
      customer: customer.id,
      amount: 2000,
      currency: 'usd',
      description: 'Gift wrapping',
    });
    expect(item).toMatchObject({ object: 'invoiceitem', invoice: null, amount: 2000 });
    const empty = await stripe.invoices.create({ customer: customer.id });
    expect(empty.lines.data).toEqual([]);

    const draft = await stripe.invoices.create({
      customer: customer.id,
      pending_invoice_items_behavior: 'include',
    });
    expect(draft).toMatchObject({ status: 'draft', amount_due: 2000, billing_reason: 'manual' });
    expect(draft.lines.data[0]).toMatchObject({ description: 'Gift wrapping', amount: 2000 });
    expect((await stripe.invoiceItems.retrieve(item.id)).invoice).toBe(draft.id);

    const paid = await stripe.invoices.pay(draft.id, { payment_method: method.id });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 2000 });
    expect(paid.number).toMatch(/-0001$/);
    const types = (await stripe.events.list({ limit: 30 })).data.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining(['invoiceitem.created', 'invoice.finalized', 'invoice.paid']),
    );
  });

  it('a card that fails (0341) answers 402 and leaves the invoice open (invoice.payment_failed)', async () => {
    const customer = await stripe.customers.create({});
    const method = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd' });
    const invoice = await stripe.invoices.create({
      customer: customer.id,
      pending_invoice_items_behavior: 'include',
    });
    await stripe.invoices.finalizeInvoice(invoice.id);
    const refused = await caught(stripe.invoices.pay(invoice.id, { payment_method: method.id }));
    expect(refused).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect((await stripe.invoices.retrieve(invoice.id)).status).toBe('open');
  });
});
