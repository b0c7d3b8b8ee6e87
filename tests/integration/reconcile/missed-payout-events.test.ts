import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { balanceTransactions, payouts } from '@/db/schema';
import { reconcile } from '@/lib/webhooks/reconcile';
import {
  CARDS,
  paidOrder,
  startPaymentsHarness,
  type PaymentsHarness,
} from '@/tests/support/payments-harness';

let harness: PaymentsHarness;

beforeAll(async () => {
  // No retries: a dropped first attempt is a delivery that never arrives.
  harness = await startPaymentsHarness({ retryScheduleMs: [] });
});
afterAll(() => harness.stop());

describe('recovering missed payout events', () => {
  it('reconcile mirrors a payout whose every event was lost, as paid, with what it paid out', async () => {
    await paidOrder(CARDS.visa, 'paid');
    await harness.control('POST', '/faults', {
      deliveries: { count: 100, drop_first_attempt: true },
    });
    const { payouts: made } = await harness.control<{ payouts: Stripe.Payout[] }>(
      'POST',
      '/payouts/run',
      {},
    );
    const payout = made[0]!;
    await harness.control('POST', '/payouts/settle', { payout: payout.id });
    await harness.deliveriesSettled();
    await harness.control('DELETE', '/faults');
    expect(await db().select().from(payouts).where(eq(payouts.id, payout.id))).toEqual([]);

    const report = await reconcile();

    expect(report.events.failed).toBe(0);
    const [row] = await db().select().from(payouts).where(eq(payouts.id, payout.id));
    expect(row).toMatchObject({ status: 'paid', amount: payout.amount, currency: 'usd' });
    expect(row?.transactionsSyncedAt).not.toBeNull();
    expect(report.balance.failedPayouts).toEqual([]);
    const paidOut = await db()
      .select({ net: balanceTransactions.net })
      .from(balanceTransactions)
      .where(eq(balanceTransactions.payoutId, payout.id));
    expect(paidOut.reduce((sum, r) => sum + r.net, 0)).toBe(payout.amount);

    // A second run finds nothing new to apply.
    expect((await reconcile()).events.applied).toBe(0);
  });
});
