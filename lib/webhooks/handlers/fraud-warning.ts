import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { mirrorFraudWarning } from '@/lib/disputes/mirror';
import { recordOrderEvent } from '@/lib/orders/record';
import { applyOrderFact } from '@/lib/orders/transition';
import { stripeIdOf } from '@/lib/platform/identifiers';
import type { HandledEvent } from '@/lib/webhooks/handler';
import { applyToPaymentOrder, eventTime } from '@/lib/webhooks/payment-event';

/**
 * radar.early_fraud_warning.created and .updated: the card issuer reports the payment as likely
 * fraud. The warning is mirrored (the order shows a badge, the dashboard an alert, and the admin
 * can refund in full before a dispute comes); its arrival goes on the order's timeline once.
 */
export async function applyFraudWarningEvent(
  tx: Executor,
  event: {
    id: string;
    type: string;
    created: number;
    data: { object: Stripe.Radar.EarlyFraudWarning };
  },
): Promise<HandledEvent> {
  const warning = event.data.object;
  return applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId: stripeIdOf(warning.payment_intent ?? null), orderId: null },
    async (order) => {
      await mirrorFraudWarning(tx, warning, eventTime(event), order.id);
      if (event.type === 'radar.early_fraud_warning.created') {
        await recordOrderEvent(tx, {
          orderId: order.id,
          kind: 'fraud_warning',
          fromStatus: order.status,
          toStatus: order.status,
          stripeEventId: event.id,
          actor: 'stripe',
          detail: { warningId: warning.id, fraudType: warning.fraud_type },
        });
      }
      return {
        transition: await applyOrderFact(tx, order, null, {
          stripeEventId: event.id,
          actor: 'stripe',
        }),
        unchangedBecause: `early fraud warning ${warning.id} (${warning.fraud_type}${warning.actionable ? '' : ', no longer actionable'})`,
      };
    },
  );
}
