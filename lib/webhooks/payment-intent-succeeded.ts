import { applyOrderFact } from '@/lib/orders/transition';
import type { WebhookHandler } from './handler';
import { applyToPaymentOrder, ignoredAsNotAnOrderPayment, eventTime } from './payment-event';

/**
 * The money was taken. For an authorised order that is its capture (by /admin or in Stripe's
 * Dashboard), for amount_received. An automatic-capture order is settled by its session's events.
 */
export const paymentIntentSucceeded: WebhookHandler<'payment_intent.succeeded'> = async (
  tx,
  event,
) => {
  const intent = event.data.object;
  const notOurs = ignoredAsNotAnOrderPayment(intent);
  if (notOurs) return notOurs;
  return applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId: intent.id, orderId: intent.metadata?.order_id ?? null },
    async (order) => ({
      transition: await applyOrderFact(
        tx,
        order,
        { kind: 'payment_captured', at: eventTime(event), amountCaptured: intent.amount_received },
        { stripeEventId: event.id, actor: 'stripe' },
        { detail: { paymentIntentId: intent.id, amountReceived: intent.amount_received } },
      ),
    }),
  );
};
