import { stripeIdOf } from '@/lib/platform/identifiers';
import { applyChargeRefundReport } from '@/lib/orders/refunds';
import { applyOrderFact } from '@/lib/orders/transition';
import type { WebhookHandler } from '@/lib/webhooks/handler';
import { applyToPaymentOrder, eventTime } from '@/lib/webhooks/payment-event';

/** An authorised charge was captured, in full or in part (amount_captured). */
export const chargeCaptured: WebhookHandler<'charge.captured'> = async (tx, event) => {
  const charge = event.data.object;
  return applyToPaymentOrder(
    tx,
    event,
    {
      paymentIntentId: stripeIdOf(charge.payment_intent),
      orderId: charge.metadata?.order_id ?? null,
    },
    async (order) => ({
      transition: await applyOrderFact(
        tx,
        order,
        { kind: 'payment_captured', at: eventTime(event), amountCaptured: charge.amount_captured },
        { stripeEventId: event.id, actor: 'stripe' },
        { detail: { chargeId: charge.id, amountCaptured: charge.amount_captured } },
      ),
    }),
    { needsPaymentApplied: true },
  );
};

/**
 * A refund, partial or full, from /admin or Stripe's Dashboard: the charge's amount_refunded is
 * cumulative, so the order takes it as a floor (unless a refund failed since this report).
 */
export const chargeRefunded: WebhookHandler<'charge.refunded'> = async (tx, event) => {
  const charge = event.data.object;
  return applyToPaymentOrder(
    tx,
    event,
    {
      paymentIntentId: stripeIdOf(charge.payment_intent),
      orderId: charge.metadata?.order_id ?? null,
    },
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
