import { count, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type OrderStatus } from '@/db/schema';

/** Orders whose money we have (or had, before refunds): what "revenue" sums. */
const REVENUE_STATUSES: OrderStatus[] = ['paid', 'partially_refunded', 'refunded'];

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
  const net = sql`${orders.amountTotal} - ${orders.amountRefunded}`;
  const since = (interval: string) =>
    sql<number>`coalesce(sum(${net}) FILTER (WHERE ${orders.paidAt} >= ${sql.raw(interval)}), 0)::bigint`.mapWith(
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
      sql`${inArray(orders.status, REVENUE_STATUSES)} AND ${orders.paidAt} >= now() - interval '30 days'`,
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
           coalesce(sum(o.amount_total - o.amount_refunded), 0)::bigint AS amount
    FROM generate_series(
           date_trunc('day', now() AT TIME ZONE 'UTC') - interval '29 days',
           date_trunc('day', now() AT TIME ZONE 'UTC'),
           interval '1 day') AS days(day)
    LEFT JOIN orders o
      ON o.paid_at >= days.day AT TIME ZONE 'UTC'
     AND o.paid_at < (days.day + interval '1 day') AT TIME ZONE 'UTC'
     AND o.currency = ${currency}
     AND o.status IN ('paid', 'partially_refunded', 'refunded')
    GROUP BY days.day
    ORDER BY days.day`);
  return rows.map((row) => ({ day: row.day, amount: Number(row.amount) }));
}
