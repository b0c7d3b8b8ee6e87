import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  caught,
  clientFor,
  eventually,
  hostedPage,
  payOnHostedPage,
  payWithSavedCard,
  sessionParams,
  startReceiver,
  type WebhookReceiver,
} from './emulator-harness';

let emulator: RunningEmulator;
let receiver: WebhookReceiver;
let stripe: Stripe;
const secret = 'whsec_saved_cards_test';

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({ port: 0, webhookUrl: receiver.url, webhookSecret: secret });
  stripe = clientFor(emulator);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});

function forCustomer(
  customer: string,
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return sessionParams({
    customer_email: undefined,
    customer,
    saved_payment_method_options: { payment_method_save: 'enabled' },
    ...overrides,
  });
}

async function intentOf(sessionId: string): Promise<Stripe.PaymentIntent> {
  const session = await stripe.checkout.sessions.retrieve(sessionId, {
    expand: ['payment_intent'],
  });
  return session.payment_intent as Stripe.PaymentIntent;
}

describe('saving a card at checkout', () => {
  it('offers "Save card for future purchases" and attaches the card when ticked', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const session = await stripe.checkout.sessions.create(forCustomer(customer.id));
    expect(session.saved_payment_method_options?.payment_method_save).toBe('enabled');
    expect(await hostedPage(session)).toContain('Save card for future purchases');
    const attempt = await payOnHostedPage(session, '4242424242424242', { save_card: 'on' });
    expect(attempt.status).toBe(303);
    const intent = await intentOf(session.id);
    expect(intent.customer).toBe(customer.id);
    const saved = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(saved.data.map((method) => method.id)).toEqual([intent.payment_method]);
    expect(saved.data[0]?.allow_redisplay).toBe('always');
  });

  it('leaves the card unsaved when the box is not ticked', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const session = await stripe.checkout.sessions.create(forCustomer(customer.id));
    await payOnHostedPage(session, '4242424242424242');
    const intent = await intentOf(session.id);
    expect(intent.payment_method).toMatch(/^pm_/);
    expect(
      (await stripe.paymentMethods.retrieve(String(intent.payment_method))).customer,
    ).toBeNull();
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
  });

  it('does not offer saving without payment_method_save, nor without a customer', async () => {
    const customer = await stripe.customers.create({});
    const plain = await stripe.checkout.sessions.create(
      forCustomer(customer.id, { saved_payment_method_options: undefined }),
    );
    expect(await hostedPage(plain)).not.toContain('Save card for future purchases');
    const guest = await stripe.checkout.sessions.create(sessionParams());
    expect(await hostedPage(guest)).not.toContain('Save card for future purchases');
  });

  it('refuses an unknown customer and customer_creation with a customer', async () => {
    const missing = await caught(stripe.checkout.sessions.create(forCustomer('cus_doesnotexist')));
    expect(missing.statusCode).toBe(404);
    expect(missing.param).toBe('customer');
    const customer = await stripe.customers.create({});
    const both = await caught(
      stripe.checkout.sessions.create(forCustomer(customer.id, { customer_creation: 'always' })),
    );
    expect(both.param).toBe('customer_creation');
  });
});

describe('paying with a saved card', () => {
  it('shows the saved cards and charges the one chosen, without typing a number', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const first = await stripe.checkout.sessions.create(forCustomer(customer.id));
    await payOnHostedPage(first, '4242424242424242', { save_card: 'on' });
    const [saved] = (await stripe.paymentMethods.list({ customer: customer.id })).data;

    const second = await stripe.checkout.sessions.create(forCustomer(customer.id));
    const page = await hostedPage(second);
    expect(page).toContain('Visa •••• 4242');
    expect(page).toContain('Pay with a new card');
    const attempt = await payWithSavedCard(second, String(saved?.id));
    expect(attempt.status).toBe(303);
    const intent = await intentOf(second.id);
    expect(intent.status).toBe('succeeded');
    expect(intent.payment_method).toBe(saved?.id);
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it('pays with a new card instead when the customer picks "Pay with a new card"', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const first = await stripe.checkout.sessions.create(forCustomer(customer.id));
    await payOnHostedPage(first, '4242424242424242', { save_card: 'on' });
    const second = await stripe.checkout.sessions.create(forCustomer(customer.id));
    await payOnHostedPage(second, '5555555555554444', { payment_method: 'new', save_card: 'on' });
    const intent = await intentOf(second.id);
    const charge = await stripe.charges.retrieve(String(intent.latest_charge));
    expect(charge.payment_method_details?.card?.brand).toBe('mastercard');
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toHaveLength(2);
  });

  it('does not offer a card the customer saved without consenting to redisplay', async () => {
    const customer = await stripe.customers.create({});
    await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const session = await stripe.checkout.sessions.create(forCustomer(customer.id));
    expect(await hostedPage(session)).not.toContain('Saved cards');
    const all = await stripe.checkout.sessions.create(
      forCustomer(customer.id, {
        saved_payment_method_options: { allow_redisplay_filters: ['always', 'unspecified'] },
      }),
    );
    expect(await hostedPage(all)).toContain('Visa •••• 4242');
  });
});

describe('customer_creation', () => {
  it('creates a customer from what was typed when set to always', async () => {
    const session = await stripe.checkout.sessions.create(
      sessionParams({ customer_creation: 'always' }),
    );
    await payOnHostedPage(session, '4242424242424242');
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid.customer).toMatch(/^cus_/);
    const customer = (await stripe.customers.retrieve(String(paid.customer))) as Stripe.Customer;
    expect(customer.email).toBe('ada@example.com');
    expect((await intentOf(session.id)).customer).toBe(customer.id);
  });

  it('creates none when if_required in payment mode', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await payOnHostedPage(session, '4242424242424242');
    expect((await stripe.checkout.sessions.retrieve(session.id)).customer).toBeNull();
  });
});

describe('setup mode', () => {
  const setupParams = (customer: string): Stripe.Checkout.SessionCreateParams => ({
    mode: 'setup',
    currency: 'usd',
    customer,
    setup_intent_data: { metadata: { user_id: '7' } },
    success_url: 'http://127.0.0.1:9/account/payment-methods?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/account/payment-methods',
  });

  it('collects a card without charging, attaches it and completes with a SetupIntent', async () => {
    const customer = await stripe.customers.create({ email: 'ada@example.com' });
    const session = await stripe.checkout.sessions.create(setupParams(customer.id));
    expect(session.mode).toBe('setup');
    expect(session.payment_status).toBe('no_payment_required');
    expect(session.amount_total).toBeNull();
    const page = await hostedPage(session);
    expect(page).toContain('Save card');
    expect(page).toContain('You will not be charged now.');

    const attempt = await payOnHostedPage(session, '4000056655665556');
    expect(attempt.status).toBe(303);
    expect(attempt.location).toContain(`session_id=${session.id}`);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    expect(done.status).toBe('complete');
    expect(done.payment_intent).toBeNull();
    const intent = done.setup_intent as Stripe.SetupIntent;
    expect(intent.status).toBe('succeeded');
    expect(intent.customer).toBe(customer.id);
    expect(intent.metadata).toEqual({ user_id: '7' });
    const method = await stripe.paymentMethods.retrieve(String(intent.payment_method));
    expect(method.customer).toBe(customer.id);
    expect(method.card?.last4).toBe('5556');

    const completed = await eventually(
      () =>
        receiver.received.find(
          (hit) =>
            hit.body.includes('"type": "checkout.session.completed"') &&
            hit.body.includes(session.id),
        ),
      'checkout.session.completed',
    );
    const event = stripe.webhooks.constructEvent(
      completed.body,
      String(completed.headers['stripe-signature']),
      secret,
    );
    expect((event.data.object as Stripe.Checkout.Session).setup_intent).toBe(intent.id);
    const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['setup_intent.created', 'setup_intent.succeeded']),
    );
    expect(await stripe.setupIntents.list({ customer: customer.id })).toMatchObject({
      data: [{ id: intent.id }],
    });
  });

  it('shows a decline and keeps the session open', async () => {
    const customer = await stripe.customers.create({});
    const session = await stripe.checkout.sessions.create(setupParams(customer.id));
    const declined = await payOnHostedPage(session, '4000000000000002');
    expect(declined.status).toBe(402);
    expect(declined.html).toContain('Your card was declined.');
    const open = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
    expect(open.status).toBe('open');
    expect((open.setup_intent as Stripe.SetupIntent).last_setup_error?.code).toBe('card_declined');
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
  });

  it('refuses line_items, payment_intent_data and a missing currency', async () => {
    const customer = await stripe.customers.create({});
    const base = setupParams(customer.id);
    const lines = await caught(
      stripe.checkout.sessions.create({ ...base, line_items: sessionParams().line_items }),
    );
    expect(lines.param).toBe('line_items');
    const intentData = await caught(
      stripe.checkout.sessions.create({
        ...base,
        payment_intent_data: { metadata: { order: '1' } },
      }),
    );
    expect(intentData.param).toBe('payment_intent_data');
    const currency = await caught(
      stripe.checkout.sessions.create({ ...base, currency: undefined }),
    );
    expect(currency.param).toBe('currency');
  });
});
