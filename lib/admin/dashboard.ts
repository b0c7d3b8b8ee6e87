import { count, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, subscriptions, type OrderStatus } from '@/db/schema';
import { MONEY_TAKEN_STATUSES } from '@/lib/orders/state';

/** What an order brought in: what was captured (all of it, unless captured in part) less refunds. */
const netAmount = sql`coalesce(${orders.amountCaptured}, ${orders.amountTotal}) - ${orders.amountRefunded}`;

export interface RevenueTotals {
  currency: string;
  today: number;
  last7Days: number;
  last30Days: number;
}

/**
 * Revenue by payment date, net of refunds, per currency. A refund counts against the window its
 * order was paid in (amount_refunded is cumulative on the order), which is what a shop owner means
 * by "what did last week's sales bring in".
 */
export async function revenueTotals(): Promise<RevenueTotals[]> {
  const since = (interval: string) =>
    sql<number>`coalesce(sum(${netAmount}) FILTER (WHERE ${orders.paidAt} >= ${sql.raw(interval)}), 0)::bigint`.mapWith(
      Number,
    );
  return db()
    .select({
      currency: orders.currency,
      today: since(`date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`),
      last7Days: since(`now() - interval '7 days'`),
      last30Days: since(`now() - interval '30 days'`),
    })
    .from(orders)
    .where(
      sql`${inArray(orders.status, [...MONEY_TAKEN_STATUSES])} AND ${orders.paidAt} >= now() - interval '30 days'`,
    )
    .groupBy(orders.currency)
    .orderBy(orders.currency);
}

export async function ordersByStatus(): Promise<Array<{ status: OrderStatus; orders: number }>> {
  return db()
    .select({ status: orders.status, orders: count() })
    .from(orders)
    .groupBy(orders.status)
    .orderBy(orders.status);
}

export interface DailyRevenue {
  day: string;
  amount: number;
}

/** Net revenue per UTC day for the last 30 days in one currency, with empty days as zero. */
export async function dailyRevenue(currency: string): Promise<DailyRevenue[]> {
  const rows = await db().execute<{ day: string; amount: string }>(sql`
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
           coalesce(sum(coalesce(o.amount_captured, o.amount_total) - o.amount_refunded), 0)::bigint AS amount
    FROM generate_series(
           date_trunc('day', now() AT TIME ZONE 'UTC') - interval '29 days',
           date_trunc('day', now() AT TIME ZONE 'UTC'),
           interval '1 day') AS days(day)
    LEFT JOIN orders o
      ON o.paid_at >= days.day AT TIME ZONE 'UTC'
     AND o.paid_at < (days.day + interval '1 day') AT TIME ZONE 'UTC'
     AND o.currency = ${currency}
     AND o.status IN (${sql.join(
       MONEY_TAKEN_STATUSES.map((status) => sql`${status}`),
       sql`, `,
     )})
    GROUP BY days.day
    ORDER BY days.day`);
  return rows.map((row) => ({ day: row.day, amount: Number(row.amount) }));
}

/** Statuses whose subscriptions still bill: past_due ones are still owed and retried, as Stripe counts them. */
const RECURRING_STATUSES = ['active', 'trialing', 'past_due'];

export interface RecurringRevenue {
  currency: string;
  /** Monthly recurring revenue in minor units: yearly prices count a twelfth, rounded. */
  mrr: number;
  subscriptions: number;
}

/** MRR per currency: every billing subscription's price spread over the months it pays for. */
export async function monthlyRecurringRevenue(): Promise<RecurringRevenue[]> {
  const months = sql`CASE ${subscriptions.interval} WHEN 'year' THEN 12 ELSE 1 END * ${subscriptions.intervalCount}`;
  return db()
    .select({
      currency: sql<string>`${subscriptions.currency}`,
      mrr: sql<number>`round(sum(${subscriptions.unitAmount}::numeric / (${months})))::bigint`.mapWith(
        Number,
      ),
      subscriptions: count(),
    })
    .from(subscriptions)
    .where(
      sql`${inArray(subscriptions.status, RECURRING_STATUSES)} AND ${subscriptions.unitAmount} IS NOT NULL AND ${subscriptions.intervalCount} IS NOT NULL`,
    )
    .groupBy(subscriptions.currency)
    .orderBy(subscriptions.currency);
}
