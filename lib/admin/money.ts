import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import {
  balanceTransactions,
  orders,
  payouts,
  type BalanceTransaction,
  type Payout,
} from '@/db/schema';
import { stripe } from '@/lib/stripe';
import {
  balanceProblem,
  mergeBalances,
  reconcilePayout,
  type CurrencyBalance,
  type Reconciliation,
} from './money-rules';

// The admin's Money section: the balance, payouts and what each payout paid out, read from Stripe
// (the balance) and from the mirror lib/balance/ keeps of Stripe's payouts and balance transactions.

export type BalanceNow =
  | { source: 'stripe'; balances: CurrencyBalance[] }
  | { source: 'mirror'; problem: string; balances: CurrencyBalance[] };

/**
 * The balance as Stripe reports it now. When Stripe cannot be asked, the problem in a sentence and
 * what the mirror says instead, so the page still shows the owner something true enough to use.
 */
export async function balanceNow(): Promise<BalanceNow> {
  let balance: Stripe.Balance;
  try {
    // Fail fast: the page waits on this, and the mirror answers at once when Stripe does not.
    balance = await stripe().balance.retrieve({}, { timeout: 5_000, maxNetworkRetries: 0 });
  } catch (error) {
    console.error('[money] could not read the balance from Stripe:', error);
    return { source: 'mirror', problem: balanceProblem(error), balances: await mirroredBalance() };
  }
  return { source: 'stripe', balances: mergeBalances(balance.available, balance.pending) };
}

/**
 * The balance by the mirror: the net of every transaction no payout has taken yet, available once
 * its available_on has passed. A payout's own row is left out because its transactions already
 * carry its id; a failed payout's payout_failure row stays in, as the money Stripe returned.
 */
export async function mirroredBalance(): Promise<CurrencyBalance[]> {
  return db()
    .select({
      currency: balanceTransactions.currency,
      available:
        sql<number>`coalesce(sum(${balanceTransactions.net}) FILTER (WHERE ${balanceTransactions.availableOn} <= now()), 0)::bigint`.mapWith(
          Number,
        ),
      pending:
        sql<number>`coalesce(sum(${balanceTransactions.net}) FILTER (WHERE ${balanceTransactions.availableOn} > now()), 0)::bigint`.mapWith(
          Number,
        ),
    })
    .from(balanceTransactions)
    .where(sql`${balanceTransactions.payoutId} IS NULL AND ${balanceTransactions.type} <> 'payout'`)
    .groupBy(balanceTransactions.currency)
    .orderBy(balanceTransactions.currency);
}

/** Payouts on their way to the bank, the soonest first. */
export async function upcomingPayouts(): Promise<Payout[]> {
  return db()
    .select()
    .from(payouts)
    .where(inArray(payouts.status, ['pending', 'in_transit']))
    .orderBy(asc(payouts.arrivalDate), asc(payouts.id))
    .limit(20);
}

export const PAYOUTS_PAGE_SIZE = 25;

/** A page of payouts, newest first; `before` is the id of the last one on the previous page. */
export async function listPayouts(
  before?: string,
  limit = PAYOUTS_PAGE_SIZE,
): Promise<{ rows: Payout[]; older: string | null }> {
  const rows = await db()
    .select()
    .from(payouts)
    .where(
      before
        ? sql`(${payouts.created}, ${payouts.id}) < (SELECT p.created, p.id FROM payouts p WHERE p.id = ${before})`
        : undefined,
    )
    .orderBy(desc(payouts.created), desc(payouts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, older: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export interface PayoutTransaction extends BalanceTransaction {
  /** The order the payment belongs to; null for fees, adjustments and payments of no order. */
  orderNumber: number | null;
}

export interface PayoutDetail {
  payout: Payout;
  /** The newest TRANSACTIONS_SHOWN of them; the activity report lists them all. */
  transactions: PayoutTransaction[];
  totals: { count: number; amount: number; fee: number; net: number };
  reconciliation: Reconciliation;
}

export const TRANSACTIONS_SHOWN = 200;

/** A payout and exactly the balance transactions it paid out, with the orders they belong to. */
export async function findPayoutDetail(id: string): Promise<PayoutDetail | null> {
  const [payout] = await db().select().from(payouts).where(eq(payouts.id, id));
  if (!payout) return null;
  const [transactions, [totals]] = await Promise.all([
    db()
      .select({ transaction: balanceTransactions, orderNumber: orders.number })
      .from(balanceTransactions)
      .leftJoin(orders, eq(orders.stripePaymentIntentId, balanceTransactions.paymentIntentId))
      .where(eq(balanceTransactions.payoutId, id))
      .orderBy(desc(balanceTransactions.created), desc(balanceTransactions.id))
      .limit(TRANSACTIONS_SHOWN),
    db()
      .select({
        count: sql<number>`count(*)::int`,
        amount: sql<number>`coalesce(sum(${balanceTransactions.amount}), 0)::bigint`.mapWith(
          Number,
        ),
        fee: sql<number>`coalesce(sum(${balanceTransactions.fee}), 0)::bigint`.mapWith(Number),
        net: sql<number>`coalesce(sum(${balanceTransactions.net}), 0)::bigint`.mapWith(Number),
      })
      .from(balanceTransactions)
      .where(eq(balanceTransactions.payoutId, id)),
  ]);
  const sums = totals ?? { count: 0, amount: 0, fee: 0, net: 0 };
  return {
    payout,
    transactions: transactions.map((row) => ({ ...row.transaction, orderNumber: row.orderNumber })),
    totals: sums,
    reconciliation: reconcilePayout(payout, sums.net),
  };
}

/**
 * Failed payouts the owner still has to act on: failed in the last 30 days (by when Stripe
 * reported it), and not followed by a paid payout in the same currency, which would mean the bank
 * account works again and the returned funds went out with it.
 */
export async function failedPayoutsToAct(): Promise<Payout[]> {
  return db()
    .select()
    .from(payouts)
    .where(
      sql`${payouts.status} = 'failed' AND ${payouts.reportedAt} >= now() - interval '30 days'
        AND NOT EXISTS (
          SELECT 1 FROM payouts later
          WHERE later.currency = ${payouts.currency} AND later.status = 'paid'
            AND later.created > ${payouts.created})`,
    )
    .orderBy(desc(payouts.created));
}

export interface OrderMoney {
  /** Every balance transaction of the order's payment: charge, refunds, dispute movements. */
  transactions: BalanceTransaction[];
  fee: number;
  net: number;
}

/** An order's Stripe fees and what it left in the balance, from its payment's transactions. */
export async function findOrderMoney(paymentIntentId: string | null): Promise<OrderMoney> {
  if (!paymentIntentId) return { transactions: [], fee: 0, net: 0 };
  const transactions = await db()
    .select()
    .from(balanceTransactions)
    .where(eq(balanceTransactions.paymentIntentId, paymentIntentId))
    .orderBy(asc(balanceTransactions.created), asc(balanceTransactions.id));
  return {
    transactions,
    fee: transactions.reduce((sum, row) => sum + row.fee, 0),
    net: transactions.reduce((sum, row) => sum + row.net, 0),
  };
}
