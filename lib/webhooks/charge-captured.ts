import { applyOrderFact } from '@/lib/orders/transition';
import type { WebhookHandler } from './handler';
import { applyToPaymentOrder, eventTime, idOf } from './payment-event';

/** An authorised charge was captured, in full or in part (amount_captured). */
export const chargeCaptured: WebhookHandler<'charge.captured'> = async (tx, event) => {
  const charge = event.data.object;
  return applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId: idOf(charge.payment_intent), orderId: charge.metadata?.order_id ?? null },
    async (order) => ({
      transition: await applyOrderFact(
        tx,
        order,
        { kind: 'payment_captured', at: eventTime(event), amountCaptured: charge.amount_captured },
        { stripeEventId: event.id, actor: 'stripe' },
        { detail: { chargeId: charge.id, amountCaptured: charge.amount_captured } },
      ),
    }),
  );
};
