import { effectsOf } from '@/lib/orders/after-commit';
import {
  applyCheckoutFact,
  checkoutDetails,
  factFromSession,
  type FulfilmentResult,
} from '@/lib/checkout/fulfilment';
import { linkCheckoutSession } from '@/lib/subscriptions/record';
import type { HandledEvent, WebhookHandler } from '@/lib/webhooks/handler';

/** A checkout session handler's fulfilment result, as the one line stripe_events records. */
export function handledCheckoutSession(result: FulfilmentResult): HandledEvent {
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
  const fact = factFromSession(session, new Date(event.created * 1000));
  return handledCheckoutSession(
    await applyCheckoutFact(tx, session, fact, { stripeEventId: event.id, actor: 'stripe' }),
  );
};

/** The customer never paid: the order expires and its reserved stock goes back on sale. */
export const checkoutSessionExpired: WebhookHandler<'checkout.session.expired'> = async (
  tx,
  event,
) =>
  handledCheckoutSession(
    await applyCheckoutFact(
      tx,
      event.data.object,
      { kind: 'checkout_expired' },
      { stripeEventId: event.id, actor: 'stripe' },
    ),
  );

/** A delayed payment method (bank debit, ...) settled: the processing order is paid. */
export const checkoutSessionAsyncPaymentSucceeded: WebhookHandler<
  'checkout.session.async_payment_succeeded'
> = async (tx, event) => {
  const session = event.data.object;
  return handledCheckoutSession(
    await applyCheckoutFact(
      tx,
      session,
      {
        kind: 'async_payment_succeeded',
        at: new Date(event.created * 1000),
        ...checkoutDetails(session),
      },
      { stripeEventId: event.id, actor: 'stripe' },
    ),
  );
};

/** A delayed payment method was refused: the order fails and its stock goes back on sale. */
export const checkoutSessionAsyncPaymentFailed: WebhookHandler<
  'checkout.session.async_payment_failed'
> = async (tx, event) => {
  const session = event.data.object;
  return handledCheckoutSession(
    await applyCheckoutFact(
      tx,
      session,
      { kind: 'async_payment_failed', ...checkoutDetails(session) },
      { stripeEventId: event.id, actor: 'stripe' },
    ),
  );
};
