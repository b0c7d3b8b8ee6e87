// What a clock advance does to subscriptions: at each period end a `cancel_at_period_end`
// subscription ends (customer.subscription.deleted); any other active or past_due one moves to
// the next period and is invoiced and charged off-session. A paid renewal keeps (or makes) it
// active; a declined one (card ...0341) leaves the invoice open and the subscription past_due.
// An advance over several periods renews once per period, in order, as a Stripe test clock does.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { attemptInvoicePayment, billingPaymentMethod, newSubscriptionInvoice } from './invoicing';
import { nextPeriod } from './periods';
import {
  currentPeriod,
  emitSubscriptionUpdated,
  endAtPeriodEnd,
  snapshot,
} from './subscription-lifecycle';

const RENEWING: Stripe.Subscription.Status[] = ['active', 'past_due'];

export function applyRenewals(ctx: EmulatorContext): void {
  const now = ctx.clock.now();
  for (const subscription of ctx.state.subscriptions.values()) {
    while (RENEWING.includes(subscription.status) && currentPeriod(subscription).end <= now) {
      if (subscription.cancel_at_period_end) {
        endAtPeriodEnd(ctx, subscription);
        break;
      }
      renew(ctx, subscription);
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
