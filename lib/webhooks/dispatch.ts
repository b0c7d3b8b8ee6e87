import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { noteBalanceChanged } from '@/lib/balance/sync';
import { chargeCaptured, chargeRefunded } from './handlers/charge';
import {
  checkoutSessionAsyncPaymentFailed,
  checkoutSessionAsyncPaymentSucceeded,
  checkoutSessionCompleted,
  checkoutSessionExpired,
} from './handlers/checkout-session';
import { applyDisputeEvent } from './handlers/dispute';
import { applyFraudWarningEvent } from './handlers/fraud-warning';
import { applyInvoiceEvent } from './handlers/invoice';
import { applyPayoutEvent } from './handlers/payout';
import {
  paymentIntentAmountCapturableUpdated,
  paymentIntentCanceled,
  paymentIntentSucceeded,
} from './handlers/payment-intent';
import { applyRefundEvent } from './handlers/refund';
import { applySubscriptionEvent } from './handlers/subscription';
import type { HandledEvent, StripeEventType, WebhookHandler } from './handler';

/**
 * The events Shopfront acts on, each mapped straight to the function that applies it; handlers are
 * grouped by the Stripe object they carry (handlers/charge.ts, handlers/refund.ts, ...).
 */
const HANDLERS: { [T in StripeEventType]?: WebhookHandler<T> } = {
  'checkout.session.completed': checkoutSessionCompleted,
  'checkout.session.expired': checkoutSessionExpired,
  'checkout.session.async_payment_succeeded': checkoutSessionAsyncPaymentSucceeded,
  'checkout.session.async_payment_failed': checkoutSessionAsyncPaymentFailed,
  'payment_intent.amount_capturable_updated': paymentIntentAmountCapturableUpdated,
  'payment_intent.succeeded': paymentIntentSucceeded,
  'payment_intent.canceled': paymentIntentCanceled,
  'charge.captured': chargeCaptured,
  'charge.refunded': chargeRefunded,
  'refund.created': applyRefundEvent,
  'refund.updated': applyRefundEvent,
  'refund.failed': applyRefundEvent,
  'charge.dispute.created': applyDisputeEvent,
  'charge.dispute.updated': applyDisputeEvent,
  'charge.dispute.closed': applyDisputeEvent,
  'charge.dispute.funds_withdrawn': applyDisputeEvent,
  'charge.dispute.funds_reinstated': applyDisputeEvent,
  'radar.early_fraud_warning.created': applyFraudWarningEvent,
  'radar.early_fraud_warning.updated': applyFraudWarningEvent,
  'customer.subscription.created': applySubscriptionEvent,
  'customer.subscription.updated': applySubscriptionEvent,
  'customer.subscription.deleted': applySubscriptionEvent,
  'invoice.paid': applyInvoiceEvent,
  'invoice.payment_failed': applyInvoiceEvent,
  'payout.created': applyPayoutEvent,
  'payout.updated': applyPayoutEvent,
  'payout.paid': applyPayoutEvent,
  'payout.failed': applyPayoutEvent,
  'payout.canceled': applyPayoutEvent,
};

/**
 * Events that move money in or out of the balance: applying one tells the balance sync there are
 * transactions to read (lib/balance/sync.ts). Payouts and disputes bring their own data.
 */
const MOVES_MONEY = /^(checkout\.session|payment_intent|charge|refund|invoice|payout)\./;

/** The event types with a handler: the webhook endpoint's enabled events, and reconcile's filter. */
export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS) as StripeEventType[];

/**
 * Applies one event through its handler, inside the caller's transaction (the inbox's savepoint):
 * the handler locks what it changes and returns what it did. A type without a handler is ignored.
 */
export async function applyStripeEvent(tx: Executor, event: Stripe.Event): Promise<HandledEvent> {
  const handler = HANDLERS[event.type] as WebhookHandler<StripeEventType> | undefined;
  if (MOVES_MONEY.test(event.type)) noteBalanceChanged();
  if (handler) return handler(tx, event);
  return {
    kind: 'ignored',
    detail: `no handler for ${event.type}`,
    queuedEmailIds: [],
    releasedStock: false,
  };
}
