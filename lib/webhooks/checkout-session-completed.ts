import { applyCheckoutFact, factFromSession } from '@/lib/checkout/fulfilment';
import { linkCheckoutSession } from '@/lib/subscriptions/record';
import { handledCheckoutSession } from './checkout-session-result';
import type { WebhookHandler } from './handler';

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
