import { asc, eq, inArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { balanceTransactions, disputes, emailOutbox, orders, stripeEvents } from '@/db/schema';
import { applyStripeEvent } from '@/lib/webhooks/dispatch';
import {
  CARDS,
  paidOrder,
  startPaymentsHarness,
  waitForOrder,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

let harness: PaymentsHarness;

const OWNER = 'owner@shopfront.test';

beforeAll(async () => {
  // Read once per process with the rest of the configuration: set before the harness starts.
  process.env.NOTIFICATION_EMAIL = OWNER;
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());

/** A paid order whose payment the dispute card disputes, once the store shows it disputed. */
async function disputedOrder() {
  const { order } = await paidOrder(CARDS.dispute, 'paid');
  await waitForOrder(order.id, (o) => o.disputeStatus === 'needs_response', 'disputed');
  const [dispute] = await db().select().from(disputes).where(eq(disputes.orderId, order.id));
  expect(dispute).toBeDefined();
  return { order, dispute: dispute! };
}

/** The dispute events the store recorded, as Stripe sent them, oldest first. */
async function eventsOf(disputeId: string): Promise<Stripe.Event[]> {
  const rows = await db()
    .select({ payload: stripeEvents.payload })
    .from(stripeEvents)
    .where(sql`${stripeEvents.payload}->'data'->'object'->>'id' = ${disputeId}`)
    .orderBy(asc(stripeEvents.created), asc(stripeEvents.receivedAt));
  return rows.map((row) => row.payload as Stripe.Event);
}

/** What a dispute looks like to the shop: its row, its order's badge, its money. */
async function stateOf(disputeId: string, orderId: string) {
  const [dispute] = await db()
    .select({
      status: disputes.status,
      amount: disputes.amount,
      reason: disputes.reason,
      orderId: disputes.orderId,
      evidenceDueBy: disputes.evidenceDueBy,
      submissionCount: disputes.submissionCount,
    })
    .from(disputes)
    .where(eq(disputes.id, disputeId));
  const [order] = await db()
    .select({ disputeStatus: orders.disputeStatus })
    .from(orders)
    .where(eq(orders.id, orderId));
  const money = await db()
    .select({ category: balanceTransactions.reportingCategory, net: balanceTransactions.net })
    .from(balanceTransactions)
    .where(eq(balanceTransactions.sourceId, disputeId))
    .orderBy(asc(balanceTransactions.reportingCategory));
  return { dispute, order, money };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('a dispute, mirrored from its events', () => {
  it('opens with its reason, amount and deadline, withdraws the amount and fee, and tells the shop once', async () => {
    const { order, dispute } = await disputedOrder();
    expect(dispute).toMatchObject({
      status: 'needs_response',
      reason: 'fraudulent',
      amount: order.amountTotal,
      currency: order.currency,
    });
    expect(dispute.evidenceDueBy!.getTime()).toBeGreaterThan(Date.now());
    const withdrawn = await db()
      .select()
      .from(balanceTransactions)
      .where(eq(balanceTransactions.sourceId, dispute.id));
    expect(withdrawn).toMatchObject([
      { reportingCategory: 'dispute', amount: -order.amountTotal, fee: 1500 },
    ]);
    const mail = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, `dispute_opened:${dispute.id}`));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.recipient).toBe(OWNER);
    expect(mail[0]!.subject).toContain(`order ${order.number} is disputed`);
    expect(mail[0]!.body).toContain(`/admin/disputes/${dispute.id}`);
  });

  it('won: the money comes back; its events replayed shuffled and twice each end in the same state', async () => {
    const { order, dispute } = await disputedOrder();
    await harness.control('POST', `/disputes/${dispute.id}/close`, { status: 'won' });
    await waitForOrder(order.id, (o) => o.disputeStatus === 'won', 'won');
    await harness.deliveriesSettled();
    const settled = await stateOf(dispute.id, order.id);
    expect(settled.dispute?.status).toBe('won');
    expect(settled.money.map((m) => m.category)).toEqual(['dispute', 'dispute_reversal']);
    expect(settled.money.reduce((sum, m) => sum + m.net, 0)).toBe(-1500);

    const events = await eventsOf(dispute.id);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'charge.dispute.created',
        'charge.dispute.funds_withdrawn',
        'charge.dispute.closed',
        'charge.dispute.funds_reinstated',
      ]),
    );
    for (const seed of [1, 2, 3]) {
      await db().delete(disputes).where(eq(disputes.id, dispute.id));
      await db().delete(balanceTransactions).where(eq(balanceTransactions.sourceId, dispute.id));
      await db().update(orders).set({ disputeStatus: null }).where(eq(orders.id, order.id));
      for (const event of shuffled([...events, ...events], seed)) {
        await db().transaction((tx) => applyStripeEvent(tx, event));
      }
      expect(await stateOf(dispute.id, order.id), `seed ${seed}`).toEqual(settled);
    }
  });

  it('lost: the withdrawal stands, and the order says so', async () => {
    const { order, dispute } = await disputedOrder();
    await harness.control('POST', `/disputes/${dispute.id}/close`, { status: 'lost' });
    await waitForOrder(order.id, (o) => o.disputeStatus === 'lost', 'lost');
    await harness.deliveriesSettled();
    const state = await stateOf(dispute.id, order.id);
    expect(state.dispute?.status).toBe('lost');
    expect(state.money).toEqual([{ category: 'dispute', net: -order.amountTotal - 1500 }]);
    const opened = await db()
      .select()
      .from(emailOutbox)
      .where(inArray(emailOutbox.kind, [`dispute_opened:${dispute.id}`]));
    expect(opened).toHaveLength(1);
  });
});
