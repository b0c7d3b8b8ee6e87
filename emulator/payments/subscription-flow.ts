// Pressing "Subscribe" on a subscription-mode hosted page. Checkout creates the Customer when the
// session has none, attaches the card, creates the Subscription (incomplete), drafts, finalizes and
// pays its first invoice, then activates the Subscription and completes the session. A card that
// declines shows its message and creates nothing, so the customer can try another.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { atCustomerTime } from '../billing/customer-time';
import { attemptInvoicePayment, newSubscriptionInvoice } from '../billing/invoicing';
import {
  currentPeriod,
  emitSubscriptionUpdated,
  newSubscription,
} from '../billing/subscription-lifecycle';
import { snapshot } from '../previous-attributes';
import { customerForSession } from '../resources/checkout-customers';
import { attachPaymentMethod, newCardPaymentMethod } from '../resources/payment-methods';
import type { SessionRecord } from '../state';
import { completeSession, type CardChoice, type PayResult } from './payment-flow';
import { outcomeOf } from './test-cards';

export function confirmSubscription(
  ctx: EmulatorContext,
  record: SessionRecord,
  choice: CardChoice,
): PayResult {
  const { session } = record;
  const outcome = outcomeOf(choice.card.number);
  if (outcome.kind === 'decline') return { kind: 'declined', message: outcome.message };
  const customer = customerForSession(ctx, record, choice.card);
  if (!customer) return { kind: 'declined', message: 'This customer no longer exists.' };
  const method = choice.savedPaymentMethod ?? newCardPaymentMethod(ctx, choice.card);
  // UNCONFIRMED: a card saved by a subscription is not redisplayed unless the customer opted in.
  attachPaymentMethod(ctx, method, customer.id, undefined, 'limited');

  // The session lives in real time; the subscription starts at its customer's time (a test clock's).
  const { subscription, invoice } = atCustomerTime(ctx, customer, () => {
    const created = newSubscription(ctx, {
      customer: customer.id,
      defaultPaymentMethod: method.id,
      items: record.lineItems.map((line) => ({
        price: line.price as Stripe.Price,
        quantity: line.quantity ?? 1,
      })),
      settings: record.createdObjectSettings ?? { metadata: {}, description: null },
    });
    const before = snapshot(created);
    const period = currentPeriod(created);
    const first = newSubscriptionInvoice(ctx, created, 'subscription_create', period, {
      start: period.start,
      end: period.start,
    });
    attemptInvoicePayment(ctx, first, method.id, true);
    created.status = 'active';
    emitSubscriptionUpdated(ctx, created, before);
    return { subscription: created, invoice: first };
  });

  session.subscription = subscription.id;
  session.invoice = invoice.id;
  return completeSession(ctx, record, choice.card, 'paid');
}
