import { applyCheckoutFact } from '@/lib/checkout/fulfilment';
import { handledCheckoutSession } from './checkout-session-result';
import type { WebhookHandler } from './handler';

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
