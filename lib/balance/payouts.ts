import { sql, type SQL } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { PAYOUT_STATUSES, payouts, type PayoutStatus } from '@/db/schema';
import { stripeIdOf } from '@/lib/platform/identifiers';

/**
 * How far along a payout is, to order two reports made in the same second (payout.created and
 * payout.updated of one run): pending < in_transit < an outcome. Reports from different seconds are
 * ordered by time alone, because a payout reported paid can still fail days later
 * (docs.stripe.com/payouts#payout-failures).
 */
function progressOf(status: SQL): SQL {
  return sql`CASE ${status} WHEN 'pending' THEN 0 WHEN 'in_transit' THEN 1 ELSE 2 END`;
}

export type PayoutMirrorResult = 'recorded' | 'updated' | 'stale';

/**
 * Writes a payout as one report of it (an event, or reconcile's read) says it is. A report older
 * than the one the row holds changes nothing, so events arriving out of order, twice, or from
 * reconcile after the webhook, leave the newest state. A payout whose state changed is marked for
 * the balance sync, which then mirrors the transactions it paid out (lib/balance/sync.ts).
 */
export async function mirrorPayout(
  executor: Executor,
  payout: Stripe.Payout,
  reportedAt: Date,
): Promise<PayoutMirrorResult> {
  const status = (PAYOUT_STATUSES as readonly string[]).includes(payout.status)
    ? (payout.status as PayoutStatus)
    : null;
  if (!status) throw new Error(`payout ${payout.id} has an unknown status: ${payout.status}`);
  const [written] = await executor
    .insert(payouts)
    .values({
      id: payout.id,
      amount: payout.amount,
      currency: payout.currency,
      status,
      arrivalDate: new Date(payout.arrival_date * 1000),
      created: new Date(payout.created * 1000),
      failureCode: payout.failure_code,
      failureMessage: payout.failure_message,
      balanceTransactionId: stripeIdOf(payout.balance_transaction),
      failureBalanceTransactionId: stripeIdOf(payout.failure_balance_transaction),
      description: payout.description,
      reportedAt,
    })
    .onConflictDoUpdate({
      target: payouts.id,
      set: {
        amount: sql`excluded.amount`,
        status: sql`excluded.status`,
        arrivalDate: sql`excluded.arrival_date`,
        failureCode: sql`excluded.failure_code`,
        failureMessage: sql`excluded.failure_message`,
        balanceTransactionId: sql`excluded.balance_transaction_id`,
        failureBalanceTransactionId: sql`excluded.failure_balance_transaction_id`,
        description: sql`excluded.description`,
        reportedAt: sql`excluded.reported_at`,
        // What it paid out is read again after each change (a failure adds its return).
        transactionsSyncedAt: sql`CASE WHEN excluded.status = ${payouts.status} THEN ${payouts.transactionsSyncedAt} END`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${payouts.reportedAt} < excluded.reported_at
        OR (${payouts.reportedAt} = excluded.reported_at
            AND ${progressOf(sql`excluded.status`)} >= ${progressOf(sql`${payouts.status}`)})`,
    })
    // xmax is 0 on a row this statement inserted, set on one it updated.
    .returning({ inserted: sql<boolean>`xmax = 0` });
  if (!written) return 'stale';
  return written.inserted ? 'recorded' : 'updated';
}
