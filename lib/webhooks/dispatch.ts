import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db, type Database } from '@/db/client';
import { stripeEvents } from '@/db/schema';
import { afterCommit } from '@/lib/orders/after-commit';
import { chargeCaptured, chargeRefunded } from './handlers/charge';
import {
  checkoutSessionAsyncPaymentFailed,
  checkoutSessionAsyncPaymentSucceeded,
  checkoutSessionCompleted,
  checkoutSessionExpired,
} from './handlers/checkout-session';
import { applyDisputeEvent } from './handlers/dispute';
import { applyInvoiceEvent } from './handlers/invoice';
import {
  paymentIntentAmountCapturableUpdated,
  paymentIntentCanceled,
  paymentIntentSucceeded,
} from './handlers/payment-intent';
import { applyRefundEvent } from './handlers/refund';
import { applySubscriptionEvent } from './handlers/subscription';
import type { HandledEvent, StripeEventType, WebhookHandler } from './handler';
import type { WebhookOutcome } from './outcome';
import { PaymentNotYetKnown } from './payment-event';

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
  'charge.dispute.closed': applyDisputeEvent,
  'customer.subscription.created': applySubscriptionEvent,
  'customer.subscription.updated': applySubscriptionEvent,
  'customer.subscription.deleted': applySubscriptionEvent,
  'invoice.paid': applyInvoiceEvent,
  'invoice.payment_failed': applyInvoiceEvent,
};

/** The event types with a handler: the webhook endpoint's enabled events, and reconcile's filter. */
export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS) as StripeEventType[];

type Handled = HandledEvent | { kind: 'duplicate'; detail: string };

/**
 * Applies one verified event exactly once. Recording the event (the dedupe), the handler's changes
 * and its one-line result commit together or not at all: a concurrent duplicate waits on the
 * event's primary key and then finds it, and a failure leaves no row behind, so the redelivery is
 * processed as if it were the first.
 */
export async function dispatchStripeEvent(
  event: Stripe.Event,
  options: { database?: Database } = {},
): Promise<WebhookOutcome> {
  const database = options.database ?? db();
  let handled: Handled;
  try {
    handled = await database.transaction(async (tx): Promise<Handled> => {
      const [recorded] = await tx
        .insert(stripeEvents)
        .values({ id: event.id, type: event.type, created: new Date(event.created * 1000) })
        .onConflictDoNothing({ target: stripeEvents.id })
        .returning({ id: stripeEvents.id });
      if (!recorded) return { kind: 'duplicate', detail: 'already received' };

      const handler = HANDLERS[event.type] as WebhookHandler<StripeEventType> | undefined;
      const result: HandledEvent = handler
        ? await handler(tx, event)
        : {
            kind: 'ignored',
            detail: `no handler for ${event.type}`,
            queuedEmailIds: [],
            releasedStock: false,
          };
      await tx
        .update(stripeEvents)
        .set({ processedAt: new Date(), result: `${result.kind}: ${result.detail}` })
        .where(eq(stripeEvents.id, event.id));
      return result;
    });
  } catch (error) {
    if (error instanceof PaymentNotYetKnown) {
      console.info(`[stripe webhook] ${event.id} ${event.type} deferred: ${error.message}`);
      return { kind: 'retryable_error', detail: error.message };
    }
    console.error(`[stripe webhook] ${event.id} ${event.type} failed, Stripe will retry:`, error);
    return { kind: 'retryable_error', detail: 'could not record the event; retry later' };
  }
  if (handled.kind !== 'duplicate') {
    await afterCommit(handled);
  }
  return { kind: handled.kind, detail: handled.detail };
}
