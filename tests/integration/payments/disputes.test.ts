import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disputeLabel } from '@/lib/orders/status';
import { refundOrder } from '@/lib/orders/payment-operations';
import {
  CARDS,
  paidOrder,
  startPaymentsHarness,
  timelineOf,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());

/** The card that is disputed right after paying: the order, once its dispute is recorded. */
async function disputedOrder() {
  const { order } = await paidOrder(CARDS.dispute, 'paid');
  const disputed = await waitForOrder(order.id, (o) => o.disputeStatus !== null, 'disputed');
  const { data } = await harness.control<{ data: Array<{ eventType: string; eventId: string }> }>(
    'GET',
    '/deliveries',
  );
  for (const delivery of data.filter((d) => d.eventType === 'charge.dispute.created')) {
    const event = await harness.sdk.events.retrieve(delivery.eventId);
    const dispute = event.data.object as Stripe.Dispute;
    if (dispute.payment_intent === order.stripePaymentIntentId)
      return { order: disputed, disputeId: dispute.id };
  }
  throw new Error(`no dispute for order ${order.number}`);
}

describe('disputes', () => {
  it('the dispute card opens a dispute that shows on the paid order as "Disputed"', async () => {
    const { order } = await disputedOrder();
    expect(order).toMatchObject({ status: 'paid', disputeStatus: 'needs_response' });
    expect(disputeLabel(order.disputeStatus)).toBe('Disputed: response needed');
    const rows = (await timelineOf(order.id)).filter((row) => row.kind === 'dispute_updated');
    expect(rows).toMatchObject([
      { fromStatus: 'paid', toStatus: 'paid', actor: 'stripe', stripeEventId: expect.any(String) },
    ]);
  });

  it('closing the dispute as won records it on the order', async () => {
    const { order, disputeId } = await disputedOrder();

    await harness.control('POST', `/disputes/${disputeId}/close`, { status: 'won' });

    const won = await waitForOrder(order.id, (o) => o.disputeStatus === 'won', 'won');
    expect(won.status).toBe('paid');
    expect(disputeLabel(won.disputeStatus)).toBe('Dispute won');
  });

  it('closing the dispute as lost records it on the order, once', async () => {
    const { order, disputeId } = await disputedOrder();

    await harness.control('POST', `/disputes/${disputeId}/close`, { status: 'lost' });

    await waitForOrder(order.id, (o) => o.disputeStatus === 'lost', 'lost');
    await harness.deliveriesSettled();
    const rows = (await timelineOf(order.id)).filter((row) => row.kind === 'dispute_updated');
    expect(rows.map((row) => (row.detail as { disputeStatus: string }).disputeStatus)).toEqual([
      'needs_response',
      'lost',
    ]);
  });

  it('a disputed payment cannot be refunded, and the admin is told why', async () => {
    const { order } = await disputedOrder();
    const result = await refundOrder(order.id, {
      reason: 'requested_by_customer',
      actor: { email: 'admin@shopfront.test', ip: '203.0.113.5' },
    });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/charged back/);
  });
});
