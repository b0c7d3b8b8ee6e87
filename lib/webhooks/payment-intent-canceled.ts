import { applyOrderFact } from '@/lib/orders/transition';
import type { WebhookHandler } from './handler';
import { applyToPaymentOrder, ignoredAsNotAnOrderPayment } from './payment-event';

/**
 * The authorisation was canceled (by /admin, in Stripe's Dashboard, or lapsed after 7 days): the
 * order is canceled and its reserved stock goes back on sale.
 */
export const paymentIntentCanceled: WebhookHandler<'payment_intent.canceled'> = async (
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
        { kind: 'payment_canceled' },
        { stripeEventId: event.id, actor: 'stripe' },
        {
          detail: { paymentIntentId: intent.id, cancellationReason: intent.cancellation_reason },
        },
      ),
    }),
  );
};
