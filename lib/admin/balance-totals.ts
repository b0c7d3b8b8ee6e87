import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { db } from '@/db/client';
import { balanceDailyTotals, balanceTransactions } from '@/db/schema';
import { balanceFilterWhere, dailyTotalsFilterWhere, type BalanceFilters } from './balance-filters';

export interface CurrencyTotals {
  currency: string;
  count: number;
  amount: number;
  fee: number;
  net: number;
}

/**
 * Count, amount, fee and net of the whole filtered set, one line per currency (amounts in
 * different currencies are never added together), in currency order. Read from the daily totals
 * (a few thousand rows) whenever the filters allow; a payout's transactions are summed directly,
 * which its index already makes fast.
 */
export async function balanceTotals(filters: BalanceFilters): Promise<CurrencyTotals[]> {
  const daily = dailyTotalsFilterWhere(filters);
  return daily ? totalsFromDailyTotals(daily.where) : totalsFromTransactions(filters);
}

/** The filtered transactions summed one by one. */
export function totalsFromTransactions(filters: BalanceFilters): Promise<CurrencyTotals[]> {
  const bt = balanceTransactions;
  return sumPerCurrency(bt, balanceFilterWhere(filters), {
    currency: bt.currency,
    count: sql`count(*)`,
    amount: bt.amount,
    fee: bt.fee,
    net: bt.net,
  });
}

/** The same sums from balance_daily_totals, for filters it can answer (dailyTotalsFilterWhere). */
export function totalsFromDailyTotals(where: SQL | undefined): Promise<CurrencyTotals[]> {
  const totals = balanceDailyTotals;
  return sumPerCurrency(totals, where, {
    currency: totals.currency,
    count: sql`sum(${totals.count})`,
    amount: totals.amount,
    fee: totals.fee,
    net: totals.net,
  });
}

async function sumPerCurrency(
  table: PgTable,
  where: SQL | undefined,
  columns: { currency: PgColumn; count: SQL; amount: PgColumn; fee: PgColumn; net: PgColumn },
): Promise<CurrencyTotals[]> {
  const rows = await db()
    .select({
      currency: columns.currency,
      count: sql<string>`${columns.count}`,
      amount: sql<string>`sum(${columns.amount})`,
      fee: sql<string>`sum(${columns.fee})`,
      net: sql<string>`sum(${columns.net})`,
    })
    .from(table)
    .where(where)
    .groupBy(columns.currency)
    // A day whose transactions were all deleted keeps a row of zeros: no line, as with none.
    .having(sql`${columns.count} > 0`)
    .orderBy(columns.currency);
  return rows.map((row) => ({
    currency: row.currency as string,
    count: wholeNumber(row.count),
    amount: wholeNumber(row.amount),
    fee: wholeNumber(row.fee),
    net: wholeNumber(row.net),
  }));
}

/** A Postgres bigint or numeric sum (sent as text) as a number, refusing one a double would round. */
function wholeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`balance total out of range: ${text}`);
  return value;
}
