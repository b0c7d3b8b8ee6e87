import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, like, lt } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { balanceDailyTotals, balanceTransactions } from '@/db/schema';
import {
  dailyTotalsFilterWhere,
  parseBalanceFilters,
  type BalanceFilters,
} from '@/lib/admin/balance-filters';
import {
  balanceTotals,
  totalsFromDailyTotals,
  totalsFromTransactions,
} from '@/lib/admin/balance-totals';
import { mirrorBalanceTransactions } from '@/lib/balance/transactions';

// balance_daily_totals is kept by Postgres (migration 0011's triggers) from whatever writes
// balance_transactions; the report's totals read it. This file's transactions all fall in
// June 1986 (other files share the database and its daily totals), so every view is within it.
const suffix = randomBytes(4).toString('hex');
const JUNE = { from: '1986-06-01', to: '1986-06-30' };
const instant = (day: number, hour: number, second = 0) =>
  Date.UTC(1986, 5, day, hour, 0, second) / 1000;

let n = 0;
/** A balance transaction as Stripe sends it, in June 1986. */
function stripeTransaction(
  category: string,
  amount: number,
  fee: number,
  created: number,
  currency = 'usd',
): Stripe.BalanceTransaction {
  n += 1;
  return {
    id: `txn_${suffix}_${String(n).padStart(3, '0')}`,
    object: 'balance_transaction',
    type: category === 'fee' ? 'stripe_fee' : 'adjustment',
    reporting_category: category,
    amount,
    fee,
    net: amount - fee,
    currency,
    created,
    available_on: created + 2 * 86_400,
    description: `${category} ${n}`,
    source: null,
  } as unknown as Stripe.BalanceTransaction;
}

// Every reporting category the report's types name, one no type names, both currencies, and
// days whose first and last seconds (UTC) fall either side of midnight.
const CATEGORIES = [
  'charge',
  'refund',
  'refund_failure',
  'dispute',
  'dispute_reversal',
  'payout',
  'payout_reversal',
  'fee',
  'other_adjustment',
  'partial_capture_reversal',
];
const transactions = Array.from({ length: 120 }, (_, i) => {
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const day = 1 + ((i * 7) % 30);
  const created =
    i % 3 === 0 ? instant(day, 0) : i % 3 === 1 ? instant(day, 23, 3599) : instant(day, 12);
  const amount = (i % 2 === 0 ? 1 : -1) * (1_000 + i * 37);
  return stripeTransaction(
    category,
    amount,
    i % 4 === 0 ? 30 + i : 0,
    created,
    i % 4 === 0 ? 'eur' : 'usd',
  );
});

function filtersOf(params: Record<string, string>): BalanceFilters {
  const result = parseBalanceFilters({ ...JUNE, ...params });
  if (!result.ok) throw new Error(result.errors.join(' '));
  return result.filters;
}

const VIEWS: Array<Record<string, string>> = [
  {},
  { type: 'charge' },
  { type: 'refund' },
  { type: 'dispute' },
  { type: 'payout' },
  { type: 'fee' },
  { currency: 'eur' },
  { currency: 'usd', type: 'refund' },
  { from: '1986-06-08', to: '1986-06-08' },
  { from: '1986-06-08', to: '1986-06-15', currency: 'eur' },
  { from: '1986-06-15', type: 'dispute' },
  { to: '1986-06-10', currency: 'usd', type: 'fee' },
  { currency: 'gbp' },
];

/** Every view's totals from the daily totals, beside the same totals summed from the transactions. */
async function bothWays(): Promise<{ daily: unknown[]; direct: unknown[] }> {
  const daily: unknown[] = [];
  const direct: unknown[] = [];
  for (const params of VIEWS) {
    const filters = filtersOf(params);
    daily.push({
      params,
      totals: await totalsFromDailyTotals(dailyTotalsFilterWhere(filters)!.where),
    });
    direct.push({ params, totals: await totalsFromTransactions(filters) });
  }
  return { daily, direct };
}

const mine = like(balanceTransactions.id, `txn_${suffix}_%`);

beforeAll(async () => {
  // Two statements, as two syncs would write them.
  await mirrorBalanceTransactions(db(), transactions.slice(0, 70));
  await mirrorBalanceTransactions(db(), transactions.slice(70));
});

afterAll(async () => {
  await db().$client.end();
});

describe('the daily totals of balance transactions', () => {
  it('give the same totals as the transactions for every filter but a payout', async () => {
    const { daily, direct } = await bothWays();
    expect(daily).toEqual(direct);
    expect(await balanceTotals(filtersOf({ currency: 'eur' }))).toEqual([
      {
        currency: 'eur',
        count: 30,
        amount: transactions.filter((t) => t.currency === 'eur').reduce((s, t) => s + t.amount, 0),
        fee: transactions.filter((t) => t.currency === 'eur').reduce((s, t) => s + t.fee, 0),
        net: transactions.filter((t) => t.currency === 'eur').reduce((s, t) => s + t.net, 0),
      },
    ]);
  });

  it('count a transaction mirrored again once, with its payment and payout filled in', async () => {
    const before = await bothWays();
    const again = transactions.slice(40, 90);
    await mirrorBalanceTransactions(db(), again, {
      payoutId: `po_${suffix}`,
      paymentIntentId: `pi_${suffix}`,
    });
    await mirrorBalanceTransactions(db(), again);

    expect(await bothWays()).toEqual(before);
    const linked = await db()
      .select({ id: balanceTransactions.id })
      .from(balanceTransactions)
      .where(eq(balanceTransactions.payoutId, `po_${suffix}`));
    expect(linked).toHaveLength(again.length);
    // A payout's totals are summed from its transactions: the daily totals know no payouts.
    expect(dailyTotalsFilterWhere(filtersOf({ payout: `po_${suffix}` }))).toBeUndefined();
    expect(await balanceTotals(filtersOf({ payout: `po_${suffix}` }))).toEqual(
      await totalsFromTransactions(filtersOf({ payout: `po_${suffix}` })),
    );
  });

  it('count a statement that inserts some transactions and meets others already mirrored', async () => {
    const newOnes = [
      stripeTransaction('charge', 4_200, 150, instant(8, 0)),
      stripeTransaction('charge', 800, 50, instant(8, 23, 3599), 'eur'),
    ];
    const before = await balanceTotals(filtersOf({ from: '1986-06-08', to: '1986-06-08' }));
    await mirrorBalanceTransactions(db(), [...transactions.slice(0, 30), ...newOnes]);

    const after = await balanceTotals(filtersOf({ from: '1986-06-08', to: '1986-06-08' }));
    const grew = (currency: string) => {
      const was = before.find((line) => line.currency === currency) ?? {
        currency,
        count: 0,
        amount: 0,
        fee: 0,
        net: 0,
      };
      const added = newOnes.filter((t) => t.currency === currency);
      return {
        ...was,
        count: was.count + added.length,
        amount: was.amount + added.reduce((s, t) => s + t.amount, 0),
        fee: was.fee + added.reduce((s, t) => s + t.fee, 0),
        net: was.net + added.reduce((s, t) => s + t.net, 0),
      };
    };
    expect(after).toEqual([grew('eur'), grew('usd')]);
    const { daily, direct } = await bothWays();
    expect(daily).toEqual(direct);
  });

  it('keep the same totals when writers mirror the same days at once', async () => {
    const batches = Array.from({ length: 6 }, (_, b) =>
      Array.from({ length: 20 }, (_, i) =>
        stripeTransaction(
          CATEGORIES[(b + i) % CATEGORIES.length]!,
          100 + b * 20 + i,
          3,
          instant(20 + (i % 5), 6),
        ),
      ),
    );
    // Half the writers list the days backwards: the triggers still lock them in one order.
    await Promise.all(
      batches.map((batch, b) =>
        db().transaction((tx) =>
          mirrorBalanceTransactions(tx, b % 2 === 0 ? batch : [...batch].reverse()),
        ),
      ),
    );
    const { daily, direct } = await bothWays();
    expect(daily).toEqual(direct);
  });

  it('subtract deleted transactions; a currency with none left shows no line', async () => {
    await db()
      .delete(balanceTransactions)
      .where(and(mine, inArray(balanceTransactions.reportingCategory, ['refund', 'dispute'])));
    let { daily, direct } = await bothWays();
    expect(daily).toEqual(direct);

    await db()
      .delete(balanceTransactions)
      .where(and(mine, eq(balanceTransactions.currency, 'eur')));
    ({ daily, direct } = await bothWays());
    expect(daily).toEqual(direct);
    expect(await balanceTotals(filtersOf({ currency: 'eur' }))).toEqual([]);
    // The emptied days keep rows of zeros, which the totals leave out.
    const emptied = await db()
      .select()
      .from(balanceDailyTotals)
      .where(
        and(
          eq(balanceDailyTotals.currency, 'eur'),
          gte(balanceDailyTotals.day, JUNE.from),
          lt(balanceDailyTotals.day, '1986-07-01'),
        ),
      );
    expect(emptied.length).toBeGreaterThan(0);
    expect(emptied.every((row) => row.count === 0 && row.amount === 0 && row.net === 0)).toBe(true);
  });
});
