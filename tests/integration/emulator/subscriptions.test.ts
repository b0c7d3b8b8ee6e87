import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  advanceTestClock,
  caught,
  clientFor,
  control,
  customerOnTestClock,
  eventually,
  hostedPage,
  payOnHostedPage,
  startReceiver,
  type WebhookReceiver,
} from './emulator-harness';

let emulator: RunningEmulator;
let receiver: WebhookReceiver;
let stripe: Stripe;
const secret = 'whsec_subscriptions_test';
const DAY = 24 * 60 * 60;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startEmulator({ port: 0, webhookUrl: receiver.url, webhookSecret: secret });
  stripe = clientFor(emulator);
});
afterAll(async () => {
  await emulator.stop();
  await receiver.close();
});
// Lists and event checks below count everything, so each test starts from nothing.
beforeEach(async () => {
  await control(emulator, 'POST', '/reset');
  receiver.received.length = 0;
});

function membership(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'subscription',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'sek',
          unit_amount: 10000,
          recurring: { interval: 'month' },
          product_data: { name: 'Coffee club' },
        },
      },
    ],
    customer_email: 'ada@example.com',
    subscription_data: { metadata: { membership_id: '3' } },
    success_url: 'http://127.0.0.1:9/subscribed?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/products/coffee-club',
    ...overrides,
  };
}

async function subscribe(
  card = '4242424242424242',
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Promise<Stripe.Subscription> {
  const session = await stripe.checkout.sessions.create(membership(overrides));
  const attempt = await payOnHostedPage(session, card);
  expect(attempt.status).toBe(303);
  const done = await stripe.checkout.sessions.retrieve(session.id);
  return stripe.subscriptions.retrieve(String(done.subscription));
}

/** A subscription of a customer on its own test clock, as a Stripe integration test sets one up. */
async function subscribeOnClock(
  card = '4242424242424242',
): Promise<{ subscription: Stripe.Subscription; clock: Stripe.TestHelpers.TestClock }> {
  const { customer, clock } = await customerOnTestClock(stripe, { email: 'ada@example.com' });
  const subscription = await subscribe(card, { customer_email: undefined, customer: customer.id });
  return { subscription, clock };
}

async function types(): Promise<string[]> {
  return (await stripe.events.list({ limit: 100 })).data.map((event) => event.type).reverse();
}

async function delivered(type: string, id: string): Promise<Stripe.Event> {
  const hit = await eventually(
    () =>
      receiver.received.find(
        (delivery) => delivery.body.includes(`"type": "${type}"`) && delivery.body.includes(id),
      ),
    `${type} for ${id}`,
  );
  return stripe.webhooks.constructEvent(hit.body, String(hit.headers['stripe-signature']), secret);
}

describe('subscription checkout', () => {
  it('starts an active subscription paid by its first invoice', async () => {
    const session = await stripe.checkout.sessions.create(membership());
    expect(session.mode).toBe('subscription');
    expect(session.amount_total).toBe(10000);
    expect(await hostedPage(session)).toContain('/ month');
    const attempt = await payOnHostedPage(session, '4242424242424242');
    expect(attempt.location).toBe(`http://127.0.0.1:9/subscribed?session_id=${session.id}`);

    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['subscription', 'invoice'],
    });
    expect(done.status).toBe('complete');
    expect(done.payment_status).toBe('paid');
    expect(done.customer).toMatch(/^cus_/);
    const subscription = done.subscription as Stripe.Subscription;
    expect(subscription.status).toBe('active');
    expect(subscription.customer).toBe(done.customer);
    expect(subscription.metadata).toEqual({ membership_id: '3' });
    expect(subscription.cancel_at_period_end).toBe(false);
    const item = subscription.items.data[0];
    expect(item?.price.recurring).toMatchObject({ interval: 'month', interval_count: 1 });
    expect(item?.current_period_end).toBeGreaterThanOrEqual(item!.current_period_start + 28 * DAY);
    const invoice = done.invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_paid: 10000,
      billing_reason: 'subscription_create',
      attempt_count: 1,
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(invoice.lines.data[0]?.period).toEqual({
      start: item?.current_period_start,
      end: item?.current_period_end,
    });
    const method = await stripe.paymentMethods.retrieve(
      String(subscription.default_payment_method),
    );
    expect(method.customer).toBe(done.customer);

    expect(await types()).toEqual(
      expect.arrayContaining([
        'customer.created',
        'payment_method.attached',
        'customer.subscription.created',
        'invoice.created',
        'invoice.finalized',
        'invoice.paid',
        'invoice.payment_succeeded',
        'customer.subscription.updated',
        'checkout.session.completed',
      ]),
    );
    const created = await delivered('customer.subscription.created', subscription.id);
    expect((created.data.object as Stripe.Subscription).status).toBe('incomplete');
    const activated = await delivered('customer.subscription.updated', subscription.id);
    expect(activated.data.previous_attributes).toMatchObject({ status: 'incomplete' });
  });

  it('uses the given customer, and refuses recurring prices in payment mode', async () => {
    const customer = await stripe.customers.create({ email: 'grace@example.com' });
    const session = await stripe.checkout.sessions.create(
      membership({ customer_email: undefined, customer: customer.id }),
    );
    await payOnHostedPage(session, '4242424242424242');
    const listed = await stripe.subscriptions.list({ customer: customer.id });
    expect(listed.data).toHaveLength(1);
    const wrongMode = await caught(
      stripe.checkout.sessions.create(
        membership({ mode: 'payment', subscription_data: undefined }),
      ),
    );
    expect(wrongMode.param).toBe('line_items[0][price_data][recurring]');
    const badInterval = await caught(
      stripe.checkout.sessions.create(
        membership({
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: 'sek',
                unit_amount: 10000,
                recurring: { interval: 'fortnight' as 'month' },
                product_data: { name: 'x' },
              },
            },
          ],
        }),
      ),
    );
    expect(badInterval.param).toBe('line_items[0][price_data][recurring][interval]');
  });

  it('shows a decline and creates nothing', async () => {
    const session = await stripe.checkout.sessions.create(membership());
    const declined = await payOnHostedPage(session, '4000000000009995');
    expect(declined.html).toContain('Your card has insufficient funds.');
    expect((await stripe.subscriptions.list({ status: 'all' })).data).toEqual([]);
  });
});

describe('renewals when a test clock advances', () => {
  it('renews at the period end with a new paid invoice and moves the period forward', async () => {
    const { subscription, clock } = await subscribeOnClock();
    expect(subscription.test_clock).toBe(clock.id);
    expect(subscription.start_date).toBe(clock.frozen_time);
    const firstEnd = subscription.items.data[0]!.current_period_end;
    await advanceTestClock(stripe, clock, 31 * DAY);
    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.status).toBe('active');
    expect(renewed.items.data[0]?.current_period_start).toBe(firstEnd);
    expect(renewed.items.data[0]!.current_period_end).toBeGreaterThan(firstEnd + 27 * DAY);
    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((invoice) => [invoice.billing_reason, invoice.status])).toEqual([
      ['subscription_cycle', 'paid'],
      ['subscription_create', 'paid'],
    ]);
    // The renewal happened at the period end in the clock's time.
    expect(invoices.data[0]).toMatchObject({ created: firstEnd, test_clock: clock.id });
    expect(renewed.latest_invoice).toBe(invoices.data[0]?.id);
    const paid = await delivered('invoice.paid', String(invoices.data[0]?.id));
    expect((paid.data.object as Stripe.Invoice).amount_paid).toBe(10000);
    const updated = await delivered(
      'customer.subscription.updated',
      String(renewed.latest_invoice),
    );
    expect(updated.data.previous_attributes).toHaveProperty('items');
  });

  it('renews once per period, and advances at most two periods at a time', async () => {
    const { subscription, clock } = await subscribeOnClock();
    const tooFar = await caught(
      stripe.testHelpers.testClocks.advance(clock.id, {
        frozen_time: clock.frozen_time + 95 * DAY,
      }),
    );
    expect(tooFar).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooFar.param).toBe('frozen_time');
    const later = await advanceTestClock(stripe, clock, 59 * DAY);
    await advanceTestClock(stripe, later, 36 * DAY);
    const invoices = await stripe.invoices.list({ customer: String(subscription.customer) });
    expect(invoices.data).toHaveLength(4);
  });

  it('moves only the subscriptions of its own customers', async () => {
    const elsewhere = await subscribe();
    const { subscription, clock } = await subscribeOnClock();
    await advanceTestClock(stripe, clock, 31 * DAY);
    expect(await stripe.invoices.list({ subscription: subscription.id })).toMatchObject({
      data: [{ billing_reason: 'subscription_cycle' }, { billing_reason: 'subscription_create' }],
    });
    expect(await stripe.invoices.list({ subscription: elsewhere.id })).toMatchObject({
      data: [{ billing_reason: 'subscription_create' }],
    });
    expect((await stripe.subscriptions.retrieve(elsewhere.id)).items.data[0]).toMatchObject(
      elsewhere.items.data[0]!,
    );
  });

  it('fails a renewal on card 0341: invoice.payment_failed, open invoice, past_due', async () => {
    const { subscription, clock } = await subscribeOnClock('4000000000000341');
    expect(subscription.status).toBe('active');
    await advanceTestClock(stripe, clock, 31 * DAY);
    const pastDue = await stripe.subscriptions.retrieve(subscription.id);
    expect(pastDue.status).toBe('past_due');
    const [open] = (await stripe.invoices.list({ subscription: subscription.id, status: 'open' }))
      .data;
    expect(open).toMatchObject({ attempted: true, attempt_count: 1, amount_paid: 0 });
    const failed = await delivered('invoice.payment_failed', String(open?.id));
    expect((failed.data.object as Stripe.Invoice).status).toBe('open');
    const updated = await delivered('customer.subscription.updated', String(open?.id));
    expect(updated.data.previous_attributes).toMatchObject({ status: 'active' });
    const listed = await stripe.subscriptions.list({ status: 'past_due', test_clock: clock.id });
    expect(listed.data).toHaveLength(1);

    const visa = await stripe.paymentMethods.attach('pm_card_visa', {
      customer: String(subscription.customer),
    });
    await stripe.subscriptions.update(subscription.id, { default_payment_method: visa.id });
    const paid = await stripe.invoices.pay(String(open?.id));
    expect(paid.status).toBe('paid');
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
  });
});

describe('cancelling', () => {
  it('cancels at the period end, resumes, and ends when its test clock passes the period end', async () => {
    const { subscription, clock } = await subscribeOnClock();
    const end = subscription.items.data[0]!.current_period_end;
    const scheduled = await stripe.subscriptions.update(subscription.id, {
      cancel_at_period_end: true,
    });
    expect(scheduled).toMatchObject({
      cancel_at_period_end: true,
      cancel_at: end,
      status: 'active',
    });
    expect(scheduled.cancellation_details?.reason).toBe('cancellation_requested');
    const resumed = await stripe.subscriptions.update(subscription.id, {
      cancel_at_period_end: false,
    });
    expect(resumed).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
    });
    const event = await delivered('customer.subscription.updated', subscription.id);
    expect(event.type).toBe('customer.subscription.updated');

    await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    await advanceTestClock(stripe, clock, 31 * DAY);
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: end });
    expect(await stripe.invoices.list({ subscription: subscription.id })).toMatchObject({
      data: [{ billing_reason: 'subscription_create' }],
    });
    await delivered('customer.subscription.deleted', subscription.id);
    const listed = (status?: 'canceled') =>
      stripe.subscriptions.list({ test_clock: clock.id, ...(status && { status }) });
    expect((await listed()).data).toEqual([]);
    expect((await listed('canceled')).data).toHaveLength(1);
  });

  it('cancels now with DELETE, and refuses changes afterwards', async () => {
    const { subscription, clock } = await subscribeOnClock();
    const canceled = await stripe.subscriptions.cancel(subscription.id, {
      cancellation_details: { feedback: 'too_expensive' },
    });
    expect(canceled.status).toBe('canceled');
    expect(canceled.ended_at).not.toBeNull();
    expect(canceled.cancellation_details?.feedback).toBe('too_expensive');
    const deleted = await delivered('customer.subscription.deleted', subscription.id);
    expect((deleted.data.object as Stripe.Subscription).status).toBe('canceled');
    const change = await caught(
      stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }),
    );
    expect(change.statusCode).toBe(400);
    const unknown = await caught(
      stripe.subscriptions.update(subscription.id, { pause: true } as never),
    );
    expect(unknown.param).toBe('pause');
    await advanceTestClock(stripe, clock, 40 * DAY);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(1);
  });

  it('cancels the subscriptions of a deleted customer', async () => {
    const subscription = await subscribe();
    await stripe.customers.del(String(subscription.customer));
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');
  });
});
