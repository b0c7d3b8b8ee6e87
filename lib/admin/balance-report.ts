import { and, eq, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { balanceTransactions, orders } from '@/db/schema';
import { ACTIVITY_TYPES, balanceFilterWhere, type BalanceFilters } from './balance-filters';
import { decodeCursor, encodeCursor, type Cursor } from './keyset-cursor';

export const ACTIVITY_PAGE_SIZE = 50;

export type BalanceStatus = 'pending' | 'available';

/** Stripe's rule: funds are pending until `available_on`, available from then on. */
export function balanceStatus(availableOn: Date, now: Date): BalanceStatus {
  return availableOn.getTime() > now.getTime() ? 'pending' : 'available';
}

const LABEL_OF_CATEGORY = new Map<string, string>(
  Object.values(ACTIVITY_TYPES).flatMap(({ label, categories }) =>
    categories.map((category) => [category, label] as const),
  ),
);

/** "Refunds" for refund and refund_failure; a category no type names, as words ("partial capture reversal"). */
export function activityTypeLabel(reportingCategory: string): string {
  return LABEL_OF_CATEGORY.get(reportingCategory) ?? reportingCategory.replaceAll('_', ' ');
}

export interface BalanceActivityRow {
  id: string;
  reportingCategory: string;
  amount: number;
  fee: number;
  net: number;
  currency: string;
  created: Date;
  availableOn: Date;
  description: string | null;
  payoutId: string | null;
  /** The order whose payment this moved money for (orders.stripe_payment_intent_id), if any. */
  orderNumber: number | null;
}

const isTransactionId = (id: string) => /^txn_\w{1,250}$/.test(id);

/** Whether `value` is a page cursor this report wrote (the page says so rather than guess). */
export function isActivityCursor(value: string): boolean {
  return decodeCursor(value, isTransactionId) !== undefined;
}

const bt = balanceTransactions;

// Newest first, ties by id: exactly balance_transactions_created_idx's order (drizzle wrote it
// NULLS LAST), so Postgres reads the first page off the index instead of sorting the whole set.
export const ACTIVITY_ORDER = [sql`${bt.created} DESC NULLS LAST`, sql`${bt.id} DESC NULLS LAST`];

/** The order of a transaction's payment intent; orders.stripe_payment_intent_id is unique. */
export const orderOfTransaction = eq(orders.stripePaymentIntentId, bt.paymentIntentId);

function olderThan({ createdAt, id }: Cursor): SQL {
  // A row comparison in the index's own direction: one range scan of it, not a filter.
  return sql`(${bt.created}, ${bt.id}) < (${createdAt}::timestamptz, ${id})`;
}

export interface BalanceActivityPage {
  rows: BalanceActivityRow[];
  /** The cursor of the next (older) page, when there is one. */
  next?: string;
}

/**
 * One page of the filtered activity by keyset (no OFFSET: page 20,000 costs the same as page 1).
 * `after` must be a cursor isActivityCursor accepts; anything else starts from the top.
 */
export async function listBalanceActivity(
  filters: BalanceFilters,
  after?: string,
  limit = ACTIVITY_PAGE_SIZE,
): Promise<BalanceActivityPage> {
  const cursor = after === undefined ? undefined : decodeCursor(after, isTransactionId);
  const fetched = await db()
    .select({
      id: bt.id,
      reportingCategory: bt.reportingCategory,
      amount: bt.amount,
      fee: bt.fee,
      net: bt.net,
      currency: bt.currency,
      created: bt.created,
      createdText: sql<string>`${bt.created}::text`,
      availableOn: bt.availableOn,
      description: bt.description,
      payoutId: bt.payoutId,
      orderNumber: orders.number,
    })
    .from(bt)
    .leftJoin(orders, orderOfTransaction)
    .where(and(balanceFilterWhere(filters), cursor && olderThan(cursor)))
    .orderBy(...ACTIVITY_ORDER)
    .limit(limit + 1);
  const rows = fetched.slice(0, limit);
  const last = rows.at(-1);
  return {
    rows: rows.map(({ createdText: _text, ...row }) => row),
    next:
      fetched.length > limit && last
        ? encodeCursor({ createdAt: last.createdText, id: last.id })
        : undefined,
  };
}

/**
 * The currencies the balance has moved in, for the filter form: a loose index scan of
 * balance_transactions_currency_created_idx (one index probe per currency, not a scan of every row).
 */
export async function activityCurrencies(): Promise<string[]> {
  const rows = await db().execute<{ currency: string }>(sql`
    WITH RECURSIVE found AS (
      (SELECT currency FROM ${bt} ORDER BY currency LIMIT 1)
      UNION ALL
      SELECT (SELECT b.currency FROM ${bt} b WHERE b.currency > found.currency
              ORDER BY b.currency LIMIT 1)
        FROM found WHERE found.currency IS NOT NULL
    )
    SELECT currency FROM found WHERE currency IS NOT NULL`);
  return rows.map((row) => row.currency);
}
