// What the end of a billing period does to a subscription: a `cancel_at_period_end` subscription
// ends (customer.subscription.deleted); any other active or past_due one moves to the next period
// and is invoiced and charged off-session. A paid renewal keeps (or makes) it active; a declined
// one (card ...0341) leaves the invoice open and the subscription past_due. Subscriptions of a
// customer on a test clock reach their period ends when the clock advances (test-clock-advance.ts);
// the others when real time does.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { testClockOf } from './customer-time';
import { attemptInvoicePayment, billingPaymentMethod, newSubscriptionInvoice } from './invoicing';
import { nextPeriod } from './periods';
import { currentPeriod, emitSubscriptionUpdated, endAtPeriodEnd } from './subscription-lifecycle';
import { snapshot } from '../previous-attributes';

const RENEWING: Stripe.Subscription.Status[] = ['active', 'past_due'];

/** When the subscription's current period ends and it renews or ends, or null if it never will. */
export function nextPeriodEnd(subscription: Stripe.Subscription): number | null {
  return RENEWING.includes(subscription.status) ? currentPeriod(subscription).end : null;
}

/** The subscription's period has ended: it ends now (cancel_at_period_end) or renews. */
export function passPeriodEnd(ctx: EmulatorContext, subscription: Stripe.Subscription): void {
  if (subscription.cancel_at_period_end) endAtPeriodEnd(ctx, subscription);
  else renew(ctx, subscription);
}

/** Real time passing: renews due subscriptions of customers on no test clock, once per period. */
export function applyDueRenewals(ctx: EmulatorContext): void {
  const now = ctx.clock.accountNow();
  for (const subscription of ctx.state.subscriptions.values()) {
    if (testClockOf(ctx, subscription.customer)) continue;
    for (let end = nextPeriodEnd(subscription); end !== null && end <= now;) {
      passPeriodEnd(ctx, subscription);
      end = nextPeriodEnd(subscription);
    }
  }
}

function renew(ctx: EmulatorContext, subscription: Stripe.Subscription): void {
  const before = snapshot(subscription);
  const ended = currentPeriod(subscription);
  for (const item of subscription.items.data) {
    const recurring = item.price.recurring as Stripe.Price.Recurring;
    const next = nextPeriod(subscription.billing_cycle_anchor, recurring, item.current_period_end);
    item.current_period_start = next.start;
    item.current_period_end = next.end;
  }
  const invoice = newSubscriptionInvoice(
    ctx,
    subscription,
    'subscription_cycle',
    currentPeriod(subscription),
    ended,
  );
  const paid = attemptInvoicePayment(ctx, invoice, billingPaymentMethod(ctx, subscription), false);
  subscription.status = paid ? 'active' : 'past_due';
  emitSubscriptionUpdated(ctx, subscription, before);
}
