// Time travel the way Stripe offers it must leave the rest of the store alone: a subscriber's test
// clock moves two months on (two renewals), the emulator restarts from its state file as
// `npm run dev` does the next day, and a guest's checkout, whose expires_at the store computes
// from the real clock, is still accepted and paid.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  paidOrder,
  startPaymentsHarness,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';
import {
  advanceSubscriberClock,
  createMembership,
  createSubscriber,
  invoicesOf,
  receiptsOf,
  subscribe,
  subscriptionRow,
} from '@/tests/support/subscriptions-harness';

const dir = mkdtempSync(path.join(tmpdir(), 'emulator-state-'));
let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness({ stateFile: path.join(dir, 'emulator.json') });
});
afterAll(async () => {
  await harness.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `unix` moved `months` calendar months on, the day clamped to the month's length, as Stripe bills. */
function monthsLater(unix: number, months: number): number {
  const start = new Date(unix * 1000);
  const target = start.getUTCMonth() + months;
  const year = start.getUTCFullYear() + Math.floor(target / 12);
  const month = target % 12;
  const day = Math.min(start.getUTCDate(), new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
  return (
    Date.UTC(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds()) /
    1000
  );
}

it('two renewals on a test clock, an emulator restart, then a guest checkout pays normally', async () => {
  const subscriber = await createSubscriber(harness);
  const subscription = await subscribe(harness, subscriber, await createMembership());
  const { frozen_time: start } = await harness.sdk.testHelpers.testClocks.retrieve(
    subscriber.testClockId,
  );

  const twoMonths = monthsLater(start, 2);
  await advanceSubscriberClock(harness, subscriber, (twoMonths - start) / (24 * 60 * 60));

  const renewed = await subscriptionRow(subscription.id);
  expect(renewed.status).toBe('active');
  expect(renewed.currentPeriodEnd).toEqual(new Date(monthsLater(start, 3) * 1000));
  const invoices = await invoicesOf(subscription.stripeSubscriptionId);
  expect(invoices.map((i) => [i.status, i.billingReason, i.periodStart])).toEqual([
    ['paid', 'subscription_create', new Date(start * 1000)],
    ['paid', 'subscription_cycle', new Date(monthsLater(start, 1) * 1000)],
    ['paid', 'subscription_cycle', new Date(twoMonths * 1000)],
  ]);
  expect(await receiptsOf(subscription.stripeSubscriptionId)).toHaveLength(3);

  await harness.restartEmulator();

  const clock = await harness.sdk.testHelpers.testClocks.retrieve(subscriber.testClockId);
  expect(clock).toMatchObject({ status: 'ready', frozen_time: twoMonths });
  const { order, sessionId } = await paidOrder('4242424242424242', 'paid');
  expect(order.status).toBe('paid');
  expect((await harness.sdk.checkout.sessions.retrieve(sessionId)).payment_status).toBe('paid');
});
