import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import {
  advanceTestClock,
  caught,
  clientFor,
  control,
  customerOnTestClock,
  payOnHostedPage,
} from './emulator-harness';

let emulator: RunningEmulator;
let stripe: Stripe;
const DAY = 24 * 60 * 60;
const JAN_2030 = Date.UTC(2030, 0, 31) / 1000;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  await control(emulator, 'POST', '/reset');
});

async function eventTypes(): Promise<string[]> {
  return (await stripe.events.list({ limit: 100 })).data.map((event) => event.type).reverse();
}

/** A monthly subscription bought through Checkout by `customer`, paid with a card that works. */
async function subscribe(customer: Stripe.Customer): Promise<Stripe.Subscription> {
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
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
    success_url: 'http://127.0.0.1:9/ok',
  });
  await payOnHostedPage(session, '4242424242424242');
  const done = await stripe.checkout.sessions.retrieve(session.id);
  return stripe.subscriptions.retrieve(String(done.subscription));
}

describe('test clocks', () => {
  it('are created frozen at a time, retrieved, listed and deleted, each with its event', async () => {
    const clock = await stripe.testHelpers.testClocks.create({
      frozen_time: JAN_2030,
      name: 'Leap day renewals',
    });
    expect(clock).toMatchObject({
      object: 'test_helpers.test_clock',
      frozen_time: JAN_2030,
      name: 'Leap day renewals',
      status: 'ready',
      status_details: {},
      livemode: false,
    });
    expect(clock.id).toMatch(/^clock_/);
    expect(clock.deletes_after).toBe(clock.created + 7 * DAY);
    expect(await stripe.testHelpers.testClocks.retrieve(clock.id)).toEqual(clock);
    expect((await stripe.testHelpers.testClocks.list()).data).toEqual([clock]);

    expect(await stripe.testHelpers.testClocks.del(clock.id)).toEqual({
      id: clock.id,
      object: 'test_helpers.test_clock',
      deleted: true,
    });
    const gone = await caught(stripe.testHelpers.testClocks.retrieve(clock.id));
    expect(gone.statusCode).toBe(404);
    expect(await eventTypes()).toEqual([
      'test_helpers.test_clock.created',
      'test_helpers.test_clock.deleted',
    ]);
  });

  it('hold customers created on them, who live at the frozen time and list only by clock', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_2030 });
    const customer = await stripe.customers.create({
      email: 'ada@example.com',
      test_clock: clock.id,
    });
    expect(customer).toMatchObject({ test_clock: clock.id, created: JAN_2030 });
    const expanded = await stripe.customers.retrieve(customer.id, { expand: ['test_clock'] });
    expect((expanded as Stripe.Customer).test_clock).toEqual(clock);
    expect((await stripe.customers.list()).data).toEqual([]);
    expect((await stripe.customers.list({ test_clock: clock.id })).data).toEqual([customer]);
    const missing = await caught(stripe.customers.create({ test_clock: 'clock_nope' }));
    expect(missing).toMatchObject({ statusCode: 404, param: 'test_clock' });
  });

  it('advance: advancing at once, ready after, renewing the subscription period by period in the clock’s time', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: JAN_2030 });
    const customer = await stripe.customers.create({ test_clock: clock.id });
    const subscription = await subscribe(customer);
    expect(subscription).toMatchObject({ start_date: JAN_2030, test_clock: clock.id });

    const target = JAN_2030 + 59 * DAY; // 31 March 2030
    const advancing = await stripe.testHelpers.testClocks.advance(clock.id, {
      frozen_time: target,
    });
    expect(advancing).toMatchObject({
      status: 'advancing',
      status_details: { advancing: { target_frozen_time: target } },
      frozen_time: JAN_2030,
    });
    const ready = await advanceTestClockDone(clock.id);
    expect(ready).toMatchObject({ status: 'ready', frozen_time: target, status_details: {} });

    // Periods count from the anchor: 31 Jan → 28 Feb → 31 Mar (docs.stripe.com/billing/subscriptions/billing-cycle).
    const invoices = await stripe.invoices.list({ customer: customer.id });
    expect(invoices.data.map((invoice) => [invoice.billing_reason, invoice.created])).toEqual([
      ['subscription_cycle', Date.UTC(2030, 2, 31) / 1000],
      ['subscription_cycle', Date.UTC(2030, 1, 28) / 1000],
      ['subscription_create', JAN_2030],
    ]);
    const types = await eventTypes();
    expect(types.indexOf('test_helpers.test_clock.advancing')).toBeLessThan(
      types.indexOf('invoice.paid', types.indexOf('test_helpers.test_clock.advancing')),
    );
    expect(types.at(-1)).toBe('test_helpers.test_clock.ready');
  });

  it('refuse to go backwards, or further than two periods (two years without subscriptions)', async () => {
    const { customer, clock } = await customerOnTestClock(stripe);
    const backwards = await caught(
      stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: clock.frozen_time - 1 }),
    );
    expect(backwards).toMatchObject({ statusCode: 400, param: 'frozen_time' });
    const tooFarWithout = await caught(
      stripe.testHelpers.testClocks.advance(clock.id, {
        frozen_time: clock.frozen_time + 800 * DAY,
      }),
    );
    expect(tooFarWithout).toMatchObject({ statusCode: 400, param: 'frozen_time' });

    await subscribe(customer);
    const tooFarWith = await caught(
      stripe.testHelpers.testClocks.advance(clock.id, {
        frozen_time: clock.frozen_time + 70 * DAY,
      }),
    );
    expect(tooFarWith).toMatchObject({ statusCode: 400, param: 'frozen_time' });
  });

  it('take an existing customer with `customer`, whose subscription then renews with the clock', async () => {
    const customer = await stripe.customers.create({ email: 'grace@example.com' });
    const subscription = await subscribe(customer);
    const clock = await stripe.testHelpers.testClocks.create({
      frozen_time: subscription.start_date,
      customer: customer.id,
    });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      test_clock: clock.id,
    });
    await advanceTestClock(stripe, clock, 32 * DAY);
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(2);
    const twice = await caught(
      stripe.testHelpers.testClocks.create({ frozen_time: JAN_2030, customer: customer.id }),
    );
    expect(twice).toMatchObject({ statusCode: 400, param: 'customer' });
  });

  it('deleting one deletes its customers and cancels their subscriptions', async () => {
    const { customer, clock } = await customerOnTestClock(stripe);
    const subscription = await subscribe(customer);
    await stripe.testHelpers.testClocks.del(clock.id);
    expect(await stripe.customers.retrieve(customer.id)).toEqual({
      id: customer.id,
      object: 'customer',
      deleted: true,
    });
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: 'canceled', canceled_at: clock.frozen_time });
    expect(await eventTypes()).toEqual(
      expect.arrayContaining([
        'customer.subscription.deleted',
        'customer.deleted',
        'test_helpers.test_clock.deleted',
      ]),
    );
  });

  it('the global clock is gone: its control route says what replaced it', async () => {
    const response = await fetch(`${emulator.url}/_emulator/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ seconds: 60 }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      '/v1/test_helpers/test_clocks',
    );
  });
});

async function advanceTestClockDone(id: string): Promise<Stripe.TestHelpers.TestClock> {
  for (let i = 0; i < 200; i++) {
    const clock = await stripe.testHelpers.testClocks.retrieve(id);
    if (clock.status === 'ready') return clock;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`test clock ${id} never became ready`);
}
