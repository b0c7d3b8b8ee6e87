import { stripeIdOf } from '@/lib/platform/identifiers';
import type { Executor } from '@/db/client';
import type Stripe from 'stripe';
import { recordRefund, refundReportOf } from '@/lib/orders/refunds';
import type { HandledEvent } from '@/lib/webhooks/handler';
import { applyToPaymentOrder, eventTime } from '@/lib/webhooks/payment-event';

/**
 * refund.created, refund.updated and refund.failed all carry the refund as it is now: each upserts
 * it into the ledger by its Stripe id, and the ledger moves the order (lib/orders/refund-state.ts).
 * Refunds made in Stripe's Dashboard arrive this way too, with 'stripe' as their actor.
 */
export async function applyRefundEvent(
  tx: Executor,
  event: { id: string; created: number; data: { object: Stripe.Refund } },
): Promise<HandledEvent> {
  const refund = event.data.object;
  return applyToPaymentOrder(
    tx,
    event,
    {
      paymentIntentId: stripeIdOf(refund.payment_intent),
      orderId: refund.metadata?.order_id ?? null,
    },
    async (order) => {
      const recorded = await recordRefund(tx, order, refundReportOf(refund, eventTime(event)), {
        stripeEventId: event.id,
        actor: 'stripe',
      });
      return {
        transition: recorded.transition,
        queuedEmailIds: recorded.queuedEmailIds,
        unchangedBecause: `refund ${refund.id} ${recorded.refundStatus}`,
      };
    },
  );
}
