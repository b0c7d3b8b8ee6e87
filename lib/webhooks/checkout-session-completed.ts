import { applyCheckoutFact, factFromSession } from '@/lib/fulfillment';
import { handledCheckoutSession } from './checkout-session-result';
import type { WebhookHandler } from './handler';

/** Paid (card), processing (async method, not paid yet) or authorized (manual capture). */
export const checkoutSessionCompleted: WebhookHandler<'checkout.session.completed'> = async (
  tx,
  event,
) => {
  const session = event.data.object;
  const fact = factFromSession(session, new Date(event.created * 1000));
  return handledCheckoutSession(
    await applyCheckoutFact(tx, session, fact, { stripeEventId: event.id, actor: 'stripe' }),
  );
};
