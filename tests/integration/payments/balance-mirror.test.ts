import { asc, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { balanceTransactions, payouts, stripeEvents } from '@/db/schema';
import { mirrorPayout } from '@/lib/balance/payouts';
import { syncBalance } from '@/lib/balance/sync';
import { refundOrder } from '@/lib/orders/payment-operations';
import {
  CARDS,
  paidOrder,
  startPaymentsHarness,
  waitForOrder,
  eventually,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

// The emulator's default fee: Stripe's standard US card fee, 2.9% + 30¢ (emulator/README.md).
const cardFee = (amount: number) => Math.round(amount * 0.029) + 30;
const ADMIN = { email: 'admin@shopfront.test', ip: '203.0.113.5' };
const SUCCEEDING_BANK = '000123456789';
const FAILING_BANK = '000111111116';

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startPaymentsHarness();
});
afterAll(() => harness.stop());
beforeEach(async () => {
  await harness.control('POST', '/balance/settings', { external_account: SUCCEEDING_BANK });
});

/** The order's balance transactions in the mirror, oldest first. */
function transactionsOf(paymentIntentId: string | null) {
  return db()
    .select()
    .from(balanceTransactions)
    .where(eq(balanceTransactions.paymentIntentId, paymentIntentId ?? ''))
    .orderBy(asc(balanceTransactions.created), asc(balanceTransactions.type));
}

async function payoutRow(id: string) {
  const [row] = await db().select().from(payouts).where(eq(payouts.id, id));
  return row;
}

/** The mirrored payout once the store has recorded it as `status` (events arrive when they do). */
function payoutWhen(id: string, status: string) {
  return eventually(async () => {
    const row = await payoutRow(id);
    return row?.status === status && row;
  }, `payout ${id} to be ${status}`);
}

/** Pays out everything available now (as the daily schedule would), once the store has it in transit. */
async function runPayouts(): Promise<Stripe.Payout[]> {
  const { payouts: made } = await harness.control<{ payouts: Stripe.Payout[] }>(
    'POST',
    '/payouts/run',
    {},
  );
  for (const payout of made) await payoutWhen(payout.id, 'in_transit');
  return made;
}

async function settle(payoutId: string, outcome: 'paid' | 'failed' = 'paid'): Promise<void> {
  await harness.control('POST', '/payouts/settle', { payout: payoutId });
  await payoutWhen(payoutId, outcome);
  await harness.deliveriesSettled();
}

describe('fee and net of each order, from its balance transactions', () => {
  it('a paid order: the charge less Stripe’s fee', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid');
    await syncBalance();

    const rows = await transactionsOf(order.stripePaymentIntentId);
    expect(rows).toMatchObject([
      {
        type: 'charge',
        reportingCategory: 'charge',
        amount: order.amountTotal,
        fee: cardFee(order.amountTotal),
        net: order.amountTotal - cardFee(order.amountTotal),
        currency: order.currency,
        payoutId: null,
      },
    ]);
  });

  it('a partially refunded order: the refund takes its amount and keeps the fee', async () => {
    const { order } = await paidOrder(CARDS.visa, 'paid');
    expect(
      (await refundOrder(order.id, { amount: 1000, reason: 'requested_by_customer', actor: ADMIN }))
        .ok,
    ).toBe(true);
    await waitForOrder(order.id, (o) => o.status === 'partially_refunded', 'partially refunded');
    await syncBalance();

    const rows = await transactionsOf(order.stripePaymentIntentId);
    expect(rows.map((row) => [row.type, row.amount, row.fee])).toEqual([
      ['charge', order.amountTotal, cardFee(order.amountTotal)],
      ['refund', -1000, 0],
    ]);
    const net = rows.reduce((sum, row) => sum + row.net, 0);
    expect(net).toBe(order.amountTotal - cardFee(order.amountTotal) - 1000);
  });

  it('a disputed order: the withdrawal and its fee arrive with the dispute event, with no sync', async () => {
    const { order } = await paidOrder(CARDS.dispute, 'paid');
    await waitForOrder(order.id, (o) => o.disputeStatus === 'needs_response', 'disputed');

    // Before any sync: the dispute event carried its transaction.
    expect(await transactionsOf(order.stripePaymentIntentId)).toMatchObject([
      { type: 'adjustment', reportingCategory: 'dispute', amount: -order.amountTotal, fee: 1500 },
    ]);

    await syncBalance();
    const rows = await transactionsOf(order.stripePaymentIntentId);
    expect(rows.map((row) => row.reportingCategory).sort()).toEqual(['charge', 'dispute']);
    const net = rows.reduce((sum, row) => sum + row.net, 0);
    expect(net).toBe(-cardFee(order.amountTotal) - 1500);
  });

  it('a second sync reads only what is new and changes nothing already mirrored', async () => {
    await paidOrder(CARDS.visa, 'paid');
    await syncBalance();
    const [before] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(balanceTransactions);
    expect((await syncBalance()).transactions).toBe(0);
    const [after] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(balanceTransactions);
    expect(after).toEqual(before);
  });
});

describe('payouts, mirrored from their events', () => {
  it('a payout goes in transit, then paid, and what it paid out sums to it', async () => {
    await paidOrder(CARDS.visa, 'paid');
    const [made] = await runPayouts();
    expect(made).toBeDefined();
    const payout = made!;
    expect(await payoutRow(payout.id)).toMatchObject({
      status: 'in_transit',
      amount: payout.amount,
      currency: payout.currency,
    });

    await settle(payout.id);
    expect(await payoutRow(payout.id)).toMatchObject({ status: 'paid', failureCode: null });

    await syncBalance();
    expect((await payoutRow(payout.id))?.transactionsSyncedAt).not.toBeNull();
    const paidOut = await db()
      .select()
      .from(balanceTransactions)
      .where(eq(balanceTransactions.payoutId, payout.id));
    expect(paidOut.length).toBeGreaterThan(0);
    expect(paidOut.reduce((sum, row) => sum + row.net, 0)).toBe(payout.amount);
    // The payout's own transaction is mirrored too: the money leaving the balance.
    const [own] = await db()
      .select()
      .from(balanceTransactions)
      .where(eq(balanceTransactions.sourceId, payout.id));
    expect(own).toMatchObject({ type: 'payout', amount: -payout.amount });
  });

  it('a payout to a failing bank account is failed with Stripe’s code and message, and its money returns', async () => {
    await harness.control('POST', '/balance/settings', { external_account: FAILING_BANK });
    await paidOrder(CARDS.visa, 'paid');
    const [payout] = await runPayouts();
    await settle(payout!.id, 'failed');

    const row = await payoutRow(payout!.id);
    expect(row).toMatchObject({ status: 'failed', failureCode: expect.any(String) });
    expect(row?.failureMessage).toMatch(/\w/);

    await syncBalance();
    const [returned] = await db()
      .select()
      .from(balanceTransactions)
      .where(eq(balanceTransactions.id, row!.failureBalanceTransactionId!));
    expect(returned).toMatchObject({ type: 'payout_failure', amount: payout!.amount });
  });

  it('each payout event is applied once: a redelivery changes nothing', async () => {
    await paidOrder(CARDS.visa, 'paid');
    const [payout] = await runPayouts();
    await settle(payout!.id);
    const before = await payoutRow(payout!.id);

    const { data } = await harness.control<{ data: Array<{ id: string; eventType: string }> }>(
      'GET',
      '/deliveries',
    );
    const deliveries = data.filter((d) => d.eventType.startsWith('payout.'));
    for (const delivery of deliveries)
      await harness.control('POST', `/deliveries/${delivery.id}/resend`);
    await harness.deliveriesSettled();

    expect(await payoutRow(payout!.id)).toEqual(before);
  });

  it('events out of order: an older report arriving last does not undo a newer one', async () => {
    await paidOrder(CARDS.visa, 'paid');
    const [payout] = await runPayouts();
    await settle(payout!.id);
    const events = await db()
      .select({ payload: stripeEvents.payload, type: stripeEvents.type })
      .from(stripeEvents)
      .where(sql`${stripeEvents.payload}->'data'->'object'->>'id' = ${payout!.id}`)
      .orderBy(asc(stripeEvents.created));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['payout.created', 'payout.updated', 'payout.paid']),
    );
    await db().delete(payouts).where(eq(payouts.id, payout!.id));

    // Newest first: paid, then in transit, then created (pending).
    for (const { payload } of [...events].reverse()) {
      const event = payload as Stripe.Event;
      await mirrorPayout(db(), event.data.object as Stripe.Payout, new Date(event.created * 1000));
    }
    expect((await payoutRow(payout!.id))?.status).toBe('paid');
  });
});
