import { applyOrderFact } from '@/lib/orders/transition';
import type { WebhookHandler } from './handler';
import { applyToPaymentOrder } from './payment-event';

/** Manual capture: the card is authorised and the amount held, waiting for an admin to capture. */
export const paymentIntentAmountCapturableUpdated: WebhookHandler<
  'payment_intent.amount_capturable_updated'
> = async (tx, event) => {
  const intent = event.data.object;
  const source = { stripeEventId: event.id, actor: 'stripe' };
  return applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId: intent.id, orderId: intent.metadata?.order_id ?? null },
    async (order) => ({
      transition: await applyOrderFact(
        tx,
        order,
        intent.status === 'requires_capture' && intent.amount_capturable > 0
          ? { kind: 'payment_authorized', paymentIntentId: intent.id }
          : null,
        source,
        { detail: { paymentIntentId: intent.id, amountCapturable: intent.amount_capturable } },
      ),
    }),
  );
};
