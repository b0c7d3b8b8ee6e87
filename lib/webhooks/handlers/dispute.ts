import { stripeIdOf } from '@/lib/platform/identifiers';
import { mirrorBalanceTransactions } from '@/lib/balance/transactions';
import { mirrorDispute } from '@/lib/disputes/mirror';
import { queueDisputeOpenedEmail } from '@/lib/disputes/notification';
import type { Executor } from '@/db/client';
import type Stripe from 'stripe';
import type { DisputeStatus } from '@/lib/orders/state';
import { applyOrderFact } from '@/lib/orders/transition';
import type { HandledEvent } from '@/lib/webhooks/handler';
import { applyToPaymentOrder, eventTime } from '@/lib/webhooks/payment-event';

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
 * Every charge.dispute.* event (created, updated, closed, funds_withdrawn, funds_reinstated)
 * carries the dispute as it is now. Its status goes on the order beside the payment status (the
 * order shows "Disputed", then won or lost; never back); the dispute itself, with its deadline and
 * evidence, is mirrored for the admin's dispute pages (newest report wins); the balance
 * transactions it carries (the withdrawal with its fee, a won dispute's reinstatement) go in the
 * balance mirror. The shop is emailed once when a dispute opens.
 */
export async function applyDisputeEvent(
  tx: Executor,
  event: { id: string; type: string; created: number; data: { object: Stripe.Dispute } },
): Promise<HandledEvent> {
  const dispute = event.data.object;
  const paymentIntentId = stripeIdOf(dispute.payment_intent);
  // The event carries the dispute's money movements whole: no call to Stripe needed.
  await mirrorBalanceTransactions(tx, dispute.balance_transactions ?? [], { paymentIntentId });
  const queuedEmailIds: number[] = [];
  const handled = await applyToPaymentOrder(
    tx,
    event,
    { paymentIntentId, orderId: null },
    async (order) => {
      await mirrorDispute(tx, dispute, eventTime(event), order.id);
      if (event.type === 'charge.dispute.created') {
        const queued = await queueDisputeOpenedEmail(tx, order, dispute);
        if (queued !== null) queuedEmailIds.push(queued);
      }
      return {
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
        queuedEmailIds,
        unchangedBecause: `dispute ${dispute.id} ${dispute.status}`,
      };
    },
  );
  // A dispute of a payment with no order (a subscription's invoice) is still the shop's to answer.
  if (handled.kind === 'ignored') await mirrorDispute(tx, dispute, eventTime(event), null);
  return handled;
}
