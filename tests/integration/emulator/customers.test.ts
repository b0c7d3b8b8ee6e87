import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  caught,
  clientFor,
  eventually,
  startReceiver,
  type WebhookReceiver,
} from './emulator-harness';

let emulator: RunningEmulator;
let receiver: WebhookReceiver;
let stripe: Stripe;
const secret = 'whsec_customers_test';

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({ port: 0, webhookUrl: receiver.url, webhookSecret: secret });
  stripe = clientFor(emulator);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});

async function eventsFor(id: string): Promise<Stripe.Event[]> {
  const events = await stripe.events.list({ limit: 100 });
  return events.data.filter((event) => (event.data.object as { id: string }).id === id).reverse();
}

/** The signed delivery of an event about `id`, verified as the store's webhook route would. */
async function deliveredEvent(type: string, id: string): Promise<Stripe.Event> {
  const hit = await eventually(
    () =>
      receiver.received.find(
        (delivery) => delivery.body.includes(`"type": "${type}"`) && delivery.body.includes(id),
      ),
    `${type} for ${id}`,
  );
  return stripe.webhooks.constructEvent(hit.body, String(hit.headers['stripe-signature']), secret);
}

describe('customers', () => {
  it('are created, retrieved, updated, listed by email and deleted', async () => {
    const created = await stripe.customers.create({
      email: 'grace@example.com',
      name: 'Grace Hopper',
      metadata: { user_id: '7' },
    });
    expect(created.id).toMatch(/^cus_/);
    expect(created.invoice_settings.default_payment_method).toBeNull();
    const updated = await stripe.customers.update(created.id, {
      name: 'Rear Admiral Hopper',
      metadata: { user_id: '', team: 'navy' },
    });
    expect(updated.name).toBe('Rear Admiral Hopper');
    expect(updated.metadata).toEqual({ team: 'navy' });
    const listed = await stripe.customers.list({ email: 'grace@example.com' });
    expect(listed.data.map((customer) => customer.id)).toEqual([created.id]);
    const deleted = await stripe.customers.del(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'customer', deleted: true });
    expect(await stripe.customers.retrieve(created.id)).toMatchObject({ deleted: true });
    expect((await stripe.customers.list({ email: 'grace@example.com' })).data).toEqual([]);
    expect((await eventsFor(created.id)).map((event) => event.type)).toEqual([
      'customer.created',
      'customer.updated',
      'customer.deleted',
    ]);
  });

  it('send customer.updated with the previous values, signed', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    await stripe.customers.update(customer.id, { name: 'Ada' });
    const event = await deliveredEvent('customer.updated', customer.id);
    expect(event.data.previous_attributes).toEqual({ name: null });
  });

  it('refuse unknown parameters, bad emails and deleted customers', async () => {
    const unknown = await caught(stripe.customers.create({ colour: 'red' } as never));
    expect(unknown.param).toBe('colour');
    expect(unknown.message).toBe('Received unknown parameter: colour');
    const email = await caught(stripe.customers.create({ email: 'not-an-email' }));
    expect(email.code).toBe('email_invalid');
    const customer = await stripe.customers.create({});
    await stripe.customers.del(customer.id);
    const gone = await caught(stripe.customers.update(customer.id, { name: 'x' }));
    expect(gone.statusCode).toBe(404);
    expect(gone.code).toBe('resource_missing');
  });
});

describe('payment methods', () => {
  it('attach to a customer, list by customer and type, become the default and detach', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const visa = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const mastercard = await stripe.paymentMethods.attach('pm_card_mastercard', {
      customer: customer.id,
    });
    expect(visa.id).toMatch(/^pm_/);
    expect(visa.customer).toBe(customer.id);
    expect(visa.card?.last4).toBe('4242');
    expect(mastercard.card?.brand).toBe('mastercard');

    const listed = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(listed.data.map((method) => method.id)).toEqual([mastercard.id, visa.id]);
    const viaCustomer = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    expect(viaCustomer.data).toHaveLength(2);
    expect((await stripe.paymentMethods.retrieve(visa.id)).card?.exp_month).toBe(12);

    const withDefault = await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: visa.id },
    });
    expect(withDefault.invoice_settings.default_payment_method).toBe(visa.id);

    const detached = await stripe.paymentMethods.detach(visa.id);
    expect(detached.customer).toBeNull();
    const after = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBeNull();
    const remaining = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(remaining.data.map((method) => method.id)).toEqual([mastercard.id]);

    const attached = await deliveredEvent('payment_method.attached', visa.id);
    expect((attached.data.object as Stripe.PaymentMethod).customer).toBe(customer.id);
    const gone = await deliveredEvent('payment_method.detached', visa.id);
    expect(gone.data.previous_attributes).toEqual({ customer: customer.id });
  });

  it('refuse a default that is not attached, and a second customer', async () => {
    const first = await stripe.customers.create({});
    const second = await stripe.customers.create({});
    const method = await stripe.paymentMethods.attach('pm_card_visa', { customer: first.id });
    const notAttached = await caught(
      stripe.customers.update(second.id, {
        invoice_settings: { default_payment_method: method.id },
      }),
    );
    expect(notAttached.param).toBe('invoice_settings[default_payment_method]');
    const taken = await caught(stripe.paymentMethods.attach(method.id, { customer: second.id }));
    expect(taken.statusCode).toBe(400);
    const missing = await caught(stripe.paymentMethods.attach(method.id, {} as never));
    expect(missing.param).toBe('customer');
    const detachTwice = await stripe.paymentMethods.detach(method.id);
    expect(detachTwice.customer).toBeNull();
    expect((await caught(stripe.paymentMethods.detach(method.id))).statusCode).toBe(400);
  });

  it('charge a saved card over the API, and 0341 fails there', async () => {
    const customer = await stripe.customers.create({});
    const good = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      customer: customer.id,
      payment_method: good.id,
      confirm: true,
    });
    expect(intent.status).toBe('succeeded');
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
      customer: customer.id,
    });
    expect(failing.card?.last4).toBe('0341');
    const declined = await caught(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        customer: customer.id,
        payment_method: failing.id,
        confirm: true,
      }),
    );
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
  });
});
