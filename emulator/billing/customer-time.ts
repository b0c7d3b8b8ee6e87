// Whose time a Billing object lives in: a customer on a test clock, and everything billed to it
// (subscriptions, invoices, their payments), lives at the clock's frozen_time; every other object
// lives in real time (docs.stripe.com/billing/testing/test-clocks).
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { resourceMissing } from '../http/errors';

type CustomerRef = string | Stripe.Customer | Stripe.DeletedCustomer | null | undefined;

/** The test clock the customer belongs to, if any. */
export function testClockOf(
  ctx: EmulatorContext,
  customer: CustomerRef,
): Stripe.TestHelpers.TestClock | undefined {
  const id = typeof customer === 'string' ? customer : customer?.id;
  const found = id ? ctx.state.customers.get(id) : undefined;
  if (!found || found.deleted || typeof found.test_clock !== 'string') return undefined;
  return ctx.state.testClocks.get(found.test_clock);
}

/** Runs `work` at the customer's time: its test clock's frozen_time, or real time. */
export function atCustomerTime<T>(ctx: EmulatorContext, customer: CustomerRef, work: () => T): T {
  return ctx.clock.at(testClockOf(ctx, customer)?.frozen_time ?? null, work);
}

export function findTestClock(
  ctx: EmulatorContext,
  id: string,
  param = 'id',
): Stripe.TestHelpers.TestClock {
  const clock = ctx.state.testClocks.get(id);
  if (!clock) throw resourceMissing('test_helpers.test_clock', id, param);
  return clock;
}
