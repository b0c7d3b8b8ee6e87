import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { balanceTransactions, orders, payouts, type BalanceTransaction } from '@/db/schema';
import { revenueTotals } from '@/lib/admin/dashboard';
import {
  failedPayoutsToAct,
  findOrderMoney,
  findPayoutDetail,
  listPayouts,
  mirroredBalance,
  upcomingPayouts,
} from '@/lib/admin/money';

// Rows are written straight to the mirror's tables, as lib/balance/ would leave them. Currencies
// no other test file uses keep the sums here this file's alone; ids carry a random suffix.
const suffix = randomBytes(4).toString('hex');
const id = (prefix: string, name: string) => `${prefix}_${name}_${suffix}`;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000);

afterAll(async () => {
  await db().$client.end();
});

type TransactionInput = Pick<BalanceTransaction, 'id' | 'amount' | 'fee' | 'currency'> &
  Partial<BalanceTransaction>;

function transaction(row: TransactionInput): typeof balanceTransactions.$inferInsert {
  return {
    type: 'charge',
    reportingCategory: 'charge',
    net: row.amount - row.fee,
    created: new Date(),
    availableOn: daysAgo(1),
    ...row,
  };
}

function payout(
  row: Pick<typeof payouts.$inferInsert, 'id' | 'amount' | 'currency' | 'status'> &
    Partial<typeof payouts.$inferInsert>,
): typeof payouts.$inferInsert {
  return {
    arrivalDate: daysAhead(2),
    created: new Date(),
    reportedAt: new Date(),
    transactionsSyncedAt: new Date(),
    ...row,
  };
}

/** A paid order of `amount` whose payment is `paymentIntentId`; returns its number. */
async function paidOrder(
  paymentIntentId: string,
  amount: number,
  currency: string,
  extra: Partial<typeof orders.$inferInsert> = {},
): Promise<number> {
  const [order] = await db()
    .insert(orders)
    .values({
      status: 'paid',
      currency,
      amountSubtotal: amount,
      amountTotal: amount,
      paidAt: new Date(),
      stripePaymentIntentId: paymentIntentId,
      ...extra,
    })
    .returning({ number: orders.number });
  return order!.number;
}

describe('a payout', () => {
  it('lists exactly the transactions it paid out, with their orders, and reconciles', async () => {
    const pi = id('pi', 'reconciled');
    const number = await paidOrder(pi, 5_000, 'usd');
    const po = id('po', 'reconciled');
    await db()
      .insert(payouts)
      .values(payout({ id: po, amount: 4_825 + 2_912 - 1_000, currency: 'usd', status: 'paid' }));
    await db()
      .insert(balanceTransactions)
      .values([
        transaction({
          id: id('txn', 'r1'),
          amount: 5_000,
          fee: 175,
          currency: 'usd',
          paymentIntentId: pi,
          payoutId: po,
        }),
        transaction({ id: id('txn', 'r2'), amount: 3_000, fee: 88, currency: 'usd', payoutId: po }),
        transaction({
          id: id('txn', 'r3'),
          type: 'refund',
          reportingCategory: 'refund',
          amount: -1_000,
          fee: 0,
          currency: 'usd',
          paymentIntentId: pi,
          payoutId: po,
        }),
        // Paid out by another payout, and not paid out at all: neither belongs here.
        transaction({
          id: id('txn', 'r4'),
          amount: 700,
          fee: 50,
          currency: 'usd',
          payoutId: id('po', 'other'),
        }),
        transaction({ id: id('txn', 'r5'), amount: 900, fee: 56, currency: 'usd' }),
      ]);

    const detail = await findPayoutDetail(po);
    expect(detail?.transactions.map((row) => row.id).sort()).toEqual(
      [id('txn', 'r1'), id('txn', 'r2'), id('txn', 'r3')].sort(),
    );
    expect(detail?.transactions.find((row) => row.id === id('txn', 'r1'))?.orderNumber).toBe(
      number,
    );
    expect(detail?.transactions.find((row) => row.id === id('txn', 'r2'))?.orderNumber).toBeNull();
    expect(detail?.totals).toEqual({ count: 3, amount: 7_000, fee: 263, net: 6_737 });
    expect(detail?.reconciliation).toEqual({ kind: 'reconciled' });
  });

  it('shows the difference when its transactions do not add up, and says when they are not synced', async () => {
    const short = id('po', 'short');
    const unsynced = id('po', 'unsynced');
    await db()
      .insert(payouts)
      .values([
        payout({ id: short, amount: 10_000, currency: 'usd', status: 'paid' }),
        payout({
          id: unsynced,
          amount: 2_000,
          currency: 'usd',
          status: 'in_transit',
          transactionsSyncedAt: null,
        }),
      ]);
    await db()
      .insert(balanceTransactions)
      .values(
        transaction({
          id: id('txn', 's1'),
          amount: 9_000,
          fee: 291,
          currency: 'usd',
          payoutId: short,
        }),
      );

    expect((await findPayoutDetail(short))?.reconciliation).toEqual({
      kind: 'difference',
      difference: 10_000 - 8_709,
    });
    const pending = await findPayoutDetail(unsynced);
    expect(pending?.reconciliation).toEqual({ kind: 'not_synced' });
    expect(pending?.transactions).toEqual([]);
  });

  it('is not found by an unknown id', async () => {
    expect(await findPayoutDetail(id('po', 'missing'))).toBeNull();
  });
});

describe('payouts', () => {
  it('lists the newest first, a page at a time, and those on their way by arrival date', async () => {
    const ids = [1, 2, 3].map((n) => id('po', `list${n}`));
    await db()
      .insert(payouts)
      .values([
        payout({
          id: ids[0]!,
          amount: 100,
          currency: 'usd',
          status: 'in_transit',
          created: daysAhead(30),
          arrivalDate: daysAhead(33),
        }),
        payout({
          id: ids[1]!,
          amount: 200,
          currency: 'usd',
          status: 'pending',
          created: daysAhead(31),
          arrivalDate: daysAhead(32),
        }),
        payout({
          id: ids[2]!,
          amount: 300,
          currency: 'usd',
          status: 'paid',
          created: daysAhead(32),
        }),
      ]);
    // Dated in the future, so they are the newest whatever other files insert.
    const first = await listPayouts(undefined, 2);
    expect(first.rows.map((row) => row.id)).toEqual([ids[2], ids[1]]);
    expect(first.older).toBe(ids[1]);
    const second = await listPayouts(first.older!, 2);
    expect(second.rows.map((row) => row.id)[0]).toBe(ids[0]);

    const upcoming = (await upcomingPayouts())
      .map((row) => row.id)
      .filter((row) => ids.includes(row));
    expect(upcoming).toEqual([ids[1], ids[0]]);
  });
});

describe('the failed-payout alert', () => {
  it('names a payout that failed in the last 30 days, until a later one in its currency is paid', async () => {
    const recent = id('po', 'failed_recent');
    const old = id('po', 'failed_old');
    const retried = id('po', 'failed_retried');
    const retry = id('po', 'retry_paid');
    await db()
      .insert(payouts)
      .values([
        payout({
          id: recent,
          amount: 12_345,
          currency: 'isk',
          status: 'failed',
          failureCode: 'account_closed',
          failureMessage: 'The bank account has been closed.',
          created: daysAgo(3),
        }),
        payout({
          id: old,
          amount: 500,
          currency: 'isk',
          status: 'failed',
          created: daysAgo(45),
          reportedAt: daysAgo(43),
        }),
        payout({
          id: retried,
          amount: 700,
          currency: 'huf',
          status: 'failed',
          created: daysAgo(5),
        }),
        payout({ id: retry, amount: 700, currency: 'huf', status: 'paid', created: daysAgo(4) }),
      ]);

    const alerts = (await failedPayoutsToAct()).filter((row) => row.id.endsWith(suffix));
    expect(alerts).toEqual([
      expect.objectContaining({
        id: recent,
        amount: 12_345,
        currency: 'isk',
        failureCode: 'account_closed',
        failureMessage: 'The bank account has been closed.',
      }),
    ]);
  });
});

describe("an order's fees and net", () => {
  it('a paid order: the charge fee, and the amount less it', async () => {
    const pi = id('pi', 'paid');
    await paidOrder(pi, 2_800, 'usd');
    await db()
      .insert(balanceTransactions)
      .values(
        transaction({
          id: id('txn', 'p1'),
          amount: 2_800,
          fee: 111,
          currency: 'usd',
          paymentIntentId: pi,
        }),
      );
    const money = await findOrderMoney(pi);
    expect({ fee: money.fee, net: money.net, rows: money.transactions.length }).toEqual({
      fee: 111,
      net: 2_689,
      rows: 1,
    });
  });

  it('a partially refunded order: the refund takes its amount and returns no fee', async () => {
    const pi = id('pi', 'partial');
    await paidOrder(pi, 10_000, 'usd', { status: 'partially_refunded', amountRefunded: 2_500 });
    await db()
      .insert(balanceTransactions)
      .values([
        transaction({
          id: id('txn', 'pr1'),
          amount: 10_000,
          fee: 320,
          currency: 'usd',
          paymentIntentId: pi,
        }),
        transaction({
          id: id('txn', 'pr2'),
          type: 'refund',
          reportingCategory: 'refund',
          amount: -2_500,
          fee: 0,
          currency: 'usd',
          paymentIntentId: pi,
        }),
      ]);
    const money = await findOrderMoney(pi);
    expect(money.transactions.map((row) => row.reportingCategory)).toEqual(['charge', 'refund']);
    expect({ fee: money.fee, net: money.net }).toEqual({ fee: 320, net: 7_180 });
  });

  it('a disputed order: the disputed amount and the dispute fee withdrawn', async () => {
    const pi = id('pi', 'disputed');
    await paidOrder(pi, 4_000, 'usd', { disputeStatus: 'lost' });
    await db()
      .insert(balanceTransactions)
      .values([
        transaction({
          id: id('txn', 'd1'),
          amount: 4_000,
          fee: 146,
          currency: 'usd',
          paymentIntentId: pi,
        }),
        transaction({
          id: id('txn', 'd2'),
          type: 'adjustment',
          reportingCategory: 'dispute',
          amount: -4_000,
          fee: 1_500,
          currency: 'usd',
          paymentIntentId: pi,
          created: daysAhead(0.01),
        }),
      ]);
    const money = await findOrderMoney(pi);
    expect({ fee: money.fee, net: money.net }).toEqual({ fee: 1_646, net: -1_646 });
  });

  it('an order with no payment has none', async () => {
    expect(await findOrderMoney(null)).toEqual({ transactions: [], fee: 0, net: 0 });
  });
});

describe('the balance by the mirror', () => {
  it('sums what no payout has taken yet, available once its day has passed', async () => {
    const po = id('po', 'mirror');
    await db()
      .insert(balanceTransactions)
      .values([
        transaction({
          id: id('txn', 'm1'),
          amount: 1_000,
          fee: 59,
          currency: 'dkk',
          availableOn: daysAgo(1),
        }),
        transaction({
          id: id('txn', 'm2'),
          amount: 2_000,
          fee: 88,
          currency: 'dkk',
          availableOn: daysAhead(2),
        }),
        // Paid out: its payout row and the transactions it took are no longer in the balance.
        transaction({
          id: id('txn', 'm3'),
          amount: 5_000,
          fee: 175,
          currency: 'dkk',
          payoutId: po,
        }),
        transaction({
          id: id('txn', 'm4'),
          type: 'payout',
          reportingCategory: 'payout',
          amount: -4_825,
          fee: 0,
          currency: 'dkk',
          sourceId: po,
        }),
        // A failed payout's funds came back and wait for the next one.
        transaction({
          id: id('txn', 'm5'),
          type: 'payout_failure',
          reportingCategory: 'payout_reversal',
          amount: 600,
          fee: 0,
          currency: 'dkk',
        }),
      ]);
    const [dkk] = (await mirroredBalance()).filter((row) => row.currency === 'dkk');
    expect(dkk).toEqual({ currency: 'dkk', available: 941 + 600, pending: 1_912 });
  });
});

describe('dashboard revenue', () => {
  it('shows gross, refunds, disputes, Stripe fees and net per period, counting orders not synced yet', async () => {
    const currency = 'chf';
    const today = id('pi', 'rev_today');
    const week = id('pi', 'rev_week');
    const month = id('pi', 'rev_month');
    const unsynced = id('pi', 'rev_unsynced');
    await paidOrder(today, 10_000, currency, {
      status: 'partially_refunded',
      amountRefunded: 2_000,
    });
    await paidOrder(week, 5_000, currency, { paidAt: daysAgo(3), disputeStatus: 'lost' });
    await paidOrder(month, 3_000, currency, { paidAt: daysAgo(20) });
    await paidOrder(unsynced, 1_000, currency, { paidAt: daysAgo(20) });
    // Not counted: unpaid, and paid before the 30 days.
    await paidOrder(id('pi', 'rev_pending'), 9_999, currency, { status: 'pending', paidAt: null });
    await paidOrder(id('pi', 'rev_old'), 9_999, currency, { paidAt: daysAgo(45) });
    await db()
      .insert(balanceTransactions)
      .values([
        transaction({
          id: id('txn', 'v1'),
          amount: 10_000,
          fee: 320,
          currency,
          paymentIntentId: today,
        }),
        transaction({
          id: id('txn', 'v2'),
          type: 'refund',
          reportingCategory: 'refund',
          amount: -2_000,
          fee: 0,
          currency,
          paymentIntentId: today,
        }),
        transaction({
          id: id('txn', 'v3'),
          amount: 5_000,
          fee: 175,
          currency,
          paymentIntentId: week,
        }),
        transaction({
          id: id('txn', 'v4'),
          type: 'adjustment',
          reportingCategory: 'dispute',
          amount: -5_000,
          fee: 1_500,
          currency,
          paymentIntentId: week,
        }),
        transaction({
          id: id('txn', 'v5'),
          amount: 3_000,
          fee: 117,
          currency,
          paymentIntentId: month,
        }),
      ]);

    const [chf] = (await revenueTotals()).filter((row) => row.currency === currency);
    expect(chf).toEqual({
      currency,
      today: { gross: 10_000, refunded: 2_000, disputed: 0, fees: 320, net: 7_680 },
      last7Days: { gross: 15_000, refunded: 2_000, disputed: -5_000, fees: 1_995, net: 6_005 },
      last30Days: { gross: 19_000, refunded: 2_000, disputed: -5_000, fees: 2_112, net: 9_888 },
      ordersAwaitingFees: 1,
    });
  });
});
