import { applyChargeRefundReport } from '@/lib/orders/refunds';
import type { WebhookHandler } from './handler';
import { applyToPaymentOrder, eventTime, idOf } from './payment-event';

/**
 * A refund, partial or full, from /admin or Stripe's Dashboard: the charge's amount_refunded is
 * cumulative, so the order takes it as a floor (unless a refund failed since this report).
 */
export const chargeRefunded: WebhookHandler<'charge.refunded'> = async (tx, event) => {
  const charge = event.data.object;
  return applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId: idOf(charge.payment_intent), orderId: charge.metadata?.order_id ?? null },
    async (order) => {
      const result = await applyChargeRefundReport(
        tx,
        order,
        { amountRefunded: charge.amount_refunded, at: eventTime(event) },
        { stripeEventId: event.id, actor: 'stripe' },
      );
      return {
        transition: result,
        unchangedBecause: result.stale ? 'report predates a failed refund' : undefined,
      };
    },
  );
};
