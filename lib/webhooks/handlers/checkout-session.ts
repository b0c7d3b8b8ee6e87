import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { effectsOf } from '@/lib/orders/after-commit';
import type { OrderFact } from '@/lib/orders/state';
import {
  applyCheckoutFact,
  asyncPaymentSucceededFact,
  checkoutDetails,
  factFromSession,
  type FulfilmentResult,
} from '@/lib/checkout/fulfilment';
import { linkCheckoutSession } from '@/lib/subscriptions/record';
import type { HandledEvent, WebhookHandler } from '@/lib/webhooks/handler';
import { eventTime } from '@/lib/webhooks/payment-event';

/** A checkout session handler's fulfilment result, as the one line stripe_events records. */
function handledCheckoutSession(result: FulfilmentResult): HandledEvent {
  if (result.kind === 'unknown_order')
    return { kind: 'ignored', detail: result.reason, queuedEmailIds: [], releasedStock: false };
  const order = `order ${result.orderNumber}`;
  return {
    kind: 'processed',
    detail: result.changed
      ? `${order} ${result.fromStatus} → ${result.status}`
      : `${order} stays ${result.status}`,
    ...effectsOf(result),
  };
}

/** Applies `fact` to the event's session's order, as the one line stripe_events keeps. */
async function applySessionFact(
  tx: Executor,
  event: { id: string; data: { object: Stripe.Checkout.Session } },
  fact: OrderFact | null,
): Promise<HandledEvent> {
  return handledCheckoutSession(
    await applyCheckoutFact(tx, event.data.object, fact, {
      stripeEventId: event.id,
      actor: 'stripe',
    }),
  );
}

/**
 * Payment mode: paid (card), processing (async method, not paid yet) or authorized (manual
 * capture). Subscription mode: links the session to the subscription it started; the
 * subscription's and invoice's own events carry its state and its payment.
 */
export const checkoutSessionCompleted: WebhookHandler<'checkout.session.completed'> = async (
  tx,
  event,
) => {
  const session = event.data.object;
  if (session.mode === 'subscription') {
    const subscription = await linkCheckoutSession(tx, session);
    return {
      kind: subscription ? 'processed' : 'ignored',
      detail: subscription
        ? `session ${session.id} started subscription ${subscription.stripeSubscriptionId}`
        : `session ${session.id} has no subscription`,
      queuedEmailIds: [],
      releasedStock: false,
    };
  }
  return applySessionFact(tx, event, factFromSession(session, eventTime(event)));
};

/** The customer never paid: the order expires and its reserved stock goes back on sale. */
export const checkoutSessionExpired: WebhookHandler<'checkout.session.expired'> = async (
  tx,
  event,
) => applySessionFact(tx, event, { kind: 'checkout_expired' });

/** A delayed payment method (bank debit, ...) settled: the processing order is paid. */
export const checkoutSessionAsyncPaymentSucceeded: WebhookHandler<
  'checkout.session.async_payment_succeeded'
> = async (tx, event) =>
  applySessionFact(tx, event, asyncPaymentSucceededFact(event.data.object, eventTime(event)));

/** A delayed payment method was refused: the order fails and its stock goes back on sale. */
export const checkoutSessionAsyncPaymentFailed: WebhookHandler<
  'checkout.session.async_payment_failed'
> = async (tx, event) => {
  return applySessionFact(tx, event, {
    kind: 'async_payment_failed',
    ...checkoutDetails(event.data.object),
  });
};
