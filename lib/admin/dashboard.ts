import { count, inArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, subscriptions, type OrderStatus } from '@/db/schema';
import { MONEY_TAKEN_STATUSES } from '@/lib/orders/state';

export interface PeriodRevenue {
  /** What customers paid: captured (all of it, unless captured in part). */
  gross: number;
  refunded: number;
  /** Disputed amounts Stripe withdrew, less those it reinstated: zero or negative. */
  disputed: number;
  /** Stripe's fees on those payments: processing and dispute fees. */
  fees: number;
  /** What the payments leave in the balance: gross - refunded + disputed - fees. */
  net: number;
}

export interface RevenueTotals {
  currency: string;
  today: PeriodRevenue;
  last7Days: PeriodRevenue;
  last30Days: PeriodRevenue;
  /** Orders of the last 30 days whose charge is not in the balance-transaction mirror yet. */
  ordersAwaitingFees: number;
}

const moneyTakenStatuses = sql.join(
  MONEY_TAKEN_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

const PERIODS = {
  today: sql`date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
  last7Days: sql`now() - interval '7 days'`,
  last30Days: sql`now() - interval '30 days'`,
} as const;
const MEASURES = ['gross', 'refunded', 'disputed', 'fees'] as const;

/**
 * Revenue by payment date per currency: gross, refunds, disputes, Stripe's fees and net. A refund,
 * dispute or fee counts in the window its order was paid in (amount_refunded is cumulative on the
 * order), which is what a shop owner means by "what did last week's sales bring in". Disputes and
 * fees come from the order's mirrored balance transactions (lib/balance/), so they count once
 * those are synced; ordersAwaitingFees says how many are not yet.
 */
export async function revenueTotals(): Promise<RevenueTotals[]> {
  const sums = Object.entries(PERIODS).flatMap(([period, since]) =>
    MEASURES.map(
      (measure) =>
        sql`coalesce(sum(${sql.identifier(measure)}) FILTER (WHERE paid_at >= ${since}), 0)::bigint AS ${sql.identifier(`${period}_${measure}`)}`,
    ),
  );
  const rows = await db().execute<Record<string, string>>(sql`
    SELECT currency, ${sql.join(sums, sql`, `)},
           count(*) FILTER (WHERE NOT charge_synced AND has_payment)::int AS orders_awaiting_fees
    FROM (
      SELECT o.currency, o.paid_at,
             coalesce(o.amount_captured, o.amount_total) AS gross,
             o.amount_refunded AS refunded,
             coalesce(money.disputed, 0) AS disputed,
             coalesce(money.fees, 0) AS fees,
             coalesce(money.charge_synced, false) AS charge_synced,
             o.stripe_payment_intent_id IS NOT NULL AS has_payment
      FROM orders o
      LEFT JOIN LATERAL (
        SELECT sum(bt.fee) AS fees,
               sum(bt.amount) FILTER (WHERE bt.reporting_category IN ('dispute', 'dispute_reversal')) AS disputed,
               bool_or(bt.reporting_category = 'charge') AS charge_synced
        FROM balance_transactions bt
        WHERE bt.payment_intent_id = o.stripe_payment_intent_id
      ) money ON true
      WHERE o.status IN (${moneyTakenStatuses})
        AND o.paid_at >= now() - interval '30 days'
    ) paid
    GROUP BY currency
    ORDER BY currency`);
  return rows.map((row) => {
    const period = (name: keyof typeof PERIODS): PeriodRevenue => {
      const [gross, refunded, disputed, fees] = MEASURES.map((measure) =>
        Number(row[`${name}_${measure}`]),
      ) as [number, number, number, number];
      return { gross, refunded, disputed, fees, net: gross - refunded + disputed - fees };
    };
    return {
      currency: String(row.currency),
      today: period('today'),
      last7Days: period('last7Days'),
      last30Days: period('last30Days'),
      ordersAwaitingFees: Number(row.orders_awaiting_fees),
    };
  });
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
     AND o.status IN (${moneyTakenStatuses})
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
