import { sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { balanceTransactions } from '@/db/schema';
import { stripeIdOf } from '@/lib/platform/identifiers';

/**
 * The payment a balance transaction's source belongs to, when the source was expanded (the sync
 * lists with `expand[]=data.source`) or is passed in: charges, refunds and disputes name their
 * payment intent; payouts, fees and transfers belong to no payment.
 */
export function paymentIntentOfSource(source: Stripe.BalanceTransaction['source']): string | null {
  if (!source || typeof source === 'string') return null;
  if ('payment_intent' in source) {
    return stripeIdOf(source.payment_intent as string | { id: string } | null);
  }
  return null;
}

/**
 * Writes balance transactions into the mirror, inserting new ones and completing known ones (a row
 * first written without its payment or payout gets them later). Stripe never changes a balance
 * transaction's money once created, so amounts are written once; a second write of the same
 * transaction, from a replayed event or an overlapping sync, changes nothing else.
 */
export async function mirrorBalanceTransactions(
  executor: Executor,
  transactions: readonly Stripe.BalanceTransaction[],
  links: { paymentIntentId?: string | null; payoutId?: string | null } = {},
): Promise<number> {
  if (transactions.length === 0) return 0;
  const rows = transactions.map((transaction) => ({
    id: transaction.id,
    type: transaction.type,
    reportingCategory: transaction.reporting_category,
    amount: transaction.amount,
    fee: transaction.fee,
    net: transaction.net,
    currency: transaction.currency,
    created: new Date(transaction.created * 1000),
    availableOn: new Date(transaction.available_on * 1000),
    description: transaction.description,
    sourceId: stripeIdOf(transaction.source as string | { id: string } | null),
    paymentIntentId: links.paymentIntentId ?? paymentIntentOfSource(transaction.source),
    payoutId: links.payoutId ?? null,
  }));
  const written = await executor
    .insert(balanceTransactions)
    .values(rows)
    .onConflictDoUpdate({
      target: balanceTransactions.id,
      set: {
        paymentIntentId: sql`coalesce(excluded.payment_intent_id, ${balanceTransactions.paymentIntentId})`,
        payoutId: sql`coalesce(excluded.payout_id, ${balanceTransactions.payoutId})`,
      },
    })
    .returning({ id: balanceTransactions.id });
  return written.length;
}
