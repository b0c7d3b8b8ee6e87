// Advancing a test clock: its customers' subscriptions pass every period end up to the target, in
// time order, each at that moment (invoices and payments are dated then), exactly as real time
// would have moved them; then the clock stands at the target and is `ready` again
// (docs.stripe.com/billing/testing/test-clocks/api-advanced-usage).
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { periodBoundary } from './periods';
import { nextPeriodEnd, passPeriodEnd } from './renewal';

/** The subscriptions of the clock's customers. */
export function subscriptionsOnClock(ctx: EmulatorContext, clockId: string): Stripe.Subscription[] {
  return [...ctx.state.subscriptions.values()].filter((subscription) => {
    const customer = ctx.state.customers.get(subscription.customer as string);
    return customer !== undefined && !customer.deleted && customer.test_clock === clockId;
  });
}

// Stripe: "Cannot be more than two intervals in the future from the shortest subscription in this
// test clock. If there are no subscriptions in this test clock, it cannot be more than two years
// in the future." (docs.stripe.com/api/test_clocks/advance)
export function latestAdvance(ctx: EmulatorContext, clock: Stripe.TestHelpers.TestClock): number {
  const limits = subscriptionsOnClock(ctx, clock.id)
    .filter((subscription) => nextPeriodEnd(subscription) !== null)
    .flatMap((subscription) => subscription.items.data)
    .map((item) =>
      periodBoundary(clock.frozen_time, item.price.recurring as Stripe.Price.Recurring, 2),
    );
  if (limits.length === 0)
    return periodBoundary(clock.frozen_time, { interval: 'year', interval_count: 1 }, 2);
  return Math.min(...limits);
}

/** Moves the clock's objects to `target`, period end by period end, then marks it ready. */
export function runAdvance(ctx: EmulatorContext, clock: Stripe.TestHelpers.TestClock): void {
  if (ctx.state.testClocks.get(clock.id) !== clock) return; // Deleted (or reset) meanwhile.
  const target = clock.status_details.advancing?.target_frozen_time ?? clock.frozen_time;
  const subscriptions = subscriptionsOnClock(ctx, clock.id);
  for (;;) {
    let due: { subscription: Stripe.Subscription; end: number } | null = null;
    for (const subscription of subscriptions) {
      const end = nextPeriodEnd(subscription);
      if (end !== null && end <= target && (due === null || end < due.end))
        due = { subscription, end };
    }
    if (!due) break;
    const { subscription, end } = due;
    clock.frozen_time = end;
    ctx.clock.at(end, () => passPeriodEnd(ctx, subscription));
  }
  clock.frozen_time = target;
  clock.status = 'ready';
  clock.status_details = {};
  ctx.emit('test_helpers.test_clock.ready', clock);
}
