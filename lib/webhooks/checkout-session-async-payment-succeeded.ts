import { applyCheckoutFact, checkoutDetails } from '@/lib/checkout/fulfilment';
import { handledCheckoutSession } from './checkout-session-result';
import type { WebhookHandler } from './handler';

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
