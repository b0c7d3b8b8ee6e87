import { stripeIdOf } from '@/lib/platform/identifiers';
import { mirrorBalanceTransactions } from '@/lib/balance/transactions';
import type { Executor } from '@/db/client';
import type Stripe from 'stripe';
import type { DisputeStatus } from '@/lib/orders/state';
import { applyOrderFact } from '@/lib/orders/transition';
import type { HandledEvent } from '@/lib/webhooks/handler';
import { applyToPaymentOrder } from '@/lib/webhooks/payment-event';

const KNOWN: ReadonlySet<string> = new Set<DisputeStatus>([
  'warning_needs_response',
  'warning_under_review',
  'warning_closed',
  'needs_response',
  'under_review',
  'won',
  'lost',
]);

/**
 * charge.dispute.created and .closed carry the dispute as it is now; its status goes on the order
 * beside the payment status (the order shows "Disputed", then won or lost), and the balance
 * transactions it carries (the withdrawal with its fee, a won dispute's reinstatement) go in the
 * balance mirror.
 */
export async function applyDisputeEvent(
  tx: Executor,
  event: { id: string; created: number; data: { object: Stripe.Dispute } },
): Promise<HandledEvent> {
  const dispute = event.data.object;
  // The event carries the dispute's withdrawal and reinstatement whole: no call to Stripe needed.
  await mirrorBalanceTransactions(tx, dispute.balance_transactions ?? [], {
    paymentIntentId: stripeIdOf(dispute.payment_intent),
  });
  return applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId: stripeIdOf(dispute.payment_intent), orderId: null },
    async (order) => ({
      transition: await applyOrderFact(
        tx,
        order,
        KNOWN.has(dispute.status)
          ? { kind: 'dispute_updated', disputeStatus: dispute.status as DisputeStatus }
          : null,
        { stripeEventId: event.id, actor: 'stripe' },
        {
          detail: {
            disputeId: dispute.id,
            disputeStatus: dispute.status,
            reason: dispute.reason,
            amount: dispute.amount,
          },
        },
      ),
      unchangedBecause: `dispute ${dispute.id} ${dispute.status}`,
    }),
  );
}

/**
 * charge.dispute.funds_withdrawn and .funds_reinstated: the money a dispute took from the balance,
 * or gave back, with the dispute fee; the dispute they carry holds those transactions whole.
 */
export async function applyDisputeFundsEvent(
  tx: Executor,
  event: { id: string; data: { object: Stripe.Dispute } },
): Promise<HandledEvent> {
  const dispute = event.data.object;
  await mirrorBalanceTransactions(tx, dispute.balance_transactions ?? [], {
    paymentIntentId: stripeIdOf(dispute.payment_intent),
  });
  return {
    kind: 'processed',
    detail: `dispute ${dispute.id}: ${(dispute.balance_transactions ?? []).length} balance transaction(s) recorded`,
    queuedEmailIds: [],
    releasedStock: false,
  };
}
