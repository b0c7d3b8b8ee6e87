import { applyCheckoutFact, checkoutDetails } from '@/lib/checkout/fulfilment';
import { handledCheckoutSession } from './checkout-session-result';
import type { WebhookHandler } from './handler';

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
