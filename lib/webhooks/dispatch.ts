import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db, type Database } from '@/db/client';
import { stripeEvents } from '@/db/schema';
import { deliverAfterResponse } from '@/lib/email/after-response';
import { invalidateCatalogue } from '@/lib/catalogue/queries';
import { chargeCaptured } from './charge-captured';
import { chargeDisputeClosed } from './charge-dispute-closed';
import { chargeDisputeCreated } from './charge-dispute-created';
import { chargeRefunded } from './charge-refunded';
import { checkoutSessionAsyncPaymentFailed } from './checkout-session-async-payment-failed';
import { checkoutSessionAsyncPaymentSucceeded } from './checkout-session-async-payment-succeeded';
import { checkoutSessionCompleted } from './checkout-session-completed';
import { checkoutSessionExpired } from './checkout-session-expired';
import { customerSubscriptionCreated } from './customer-subscription-created';
import { customerSubscriptionDeleted } from './customer-subscription-deleted';
import { customerSubscriptionUpdated } from './customer-subscription-updated';
import type { HandledEvent, StripeEventType, WebhookHandler } from './handler';
import { invoicePaid } from './invoice-paid';
import { invoicePaymentFailed } from './invoice-payment-failed';
import type { WebhookOutcome } from './outcome';
import { PaymentNotYetKnown } from './payment-event';
import { paymentIntentAmountCapturableUpdated } from './payment-intent-amount-capturable-updated';
import { paymentIntentCanceled } from './payment-intent-canceled';
import { paymentIntentSucceeded } from './payment-intent-succeeded';
import { refundCreated } from './refund-created';
import { refundFailed } from './refund-failed';
import { refundUpdated } from './refund-updated';

/** The events Shopfront acts on; add a handler file and a line here for each new one. */
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
  'refund.created': refundCreated,
  'refund.updated': refundUpdated,
  'refund.failed': refundFailed,
  'charge.dispute.created': chargeDisputeCreated,
  'charge.dispute.closed': chargeDisputeClosed,
  'customer.subscription.created': customerSubscriptionCreated,
  'customer.subscription.updated': customerSubscriptionUpdated,
  'customer.subscription.deleted': customerSubscriptionDeleted,
  'invoice.paid': invoicePaid,
  'invoice.payment_failed': invoicePaymentFailed,
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
    if (handled.releasedStock) invalidateCatalogue();
    await deliverAfterResponse(handled.queuedEmailIds);
  }
  return { kind: handled.kind, detail: handled.detail };
}
