import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { balanceTransactions, orders } from '@/db/schema';
import { balanceActivityCsvStream } from '@/lib/admin/balance-export';
import { parseBalanceFilters, type BalanceFilters } from '@/lib/admin/balance-filters';
import { isActivityCursor, listBalanceActivity } from '@/lib/admin/balance-report';
import { balanceTotals, type CurrencyTotals } from '@/lib/admin/balance-totals';
import { formatDecimal } from '@/lib/money';
import { csvRecords } from '@/tests/support/csv-records';

// This file's transactions all fall in March 1987 (other files share the database): every query
// below is within that range.
const suffix = randomBytes(4).toString('hex');
const MARCH = { from: '1987-03-01', to: '1987-03-31' };
const payoutA = `po_a${suffix}`;
const payoutB = `po_b${suffix}`;
const intent = `pi_${suffix}`;
const at = (day: number, hour = 12) => new Date(Date.UTC(1987, 2, day, hour));
const sameInstant = at(5);
const inAWeek = new Date(Date.now() + 7 * 86_400_000);

type Row = typeof balanceTransactions.$inferInsert;
let n = 0;
function txn(
  reportingCategory: string,
  amount: number,
  fee: number,
  extra: Partial<Row> = {},
): Row {
  n += 1;
  return {
    id: `txn_${suffix}_${String(n).padStart(2, '0')}`,
    type: reportingCategory,
    reportingCategory,
    amount,
    fee,
    net: amount - fee,
    currency: 'usd',
    created: at(n),
    availableOn: at(n + 2),
    description: `${reportingCategory} ${n}`,
    ...extra,
  };
}

const rows: Row[] = [
  txn('charge', 10_000, 320, { paymentIntentId: intent, payoutId: payoutA }),
  txn('charge', 5_000, 175, { payoutId: payoutA }),
  txn('refund', -2_000, 0, { payoutId: payoutA }),
  txn('refund_failure', 2_000, 0),
  txn('dispute', -5_000, 1_500, { created: sameInstant }),
  txn('dispute_reversal', 5_000, -1_500, { created: sameInstant }),
  txn('payout', -12_000, 0, { created: sameInstant, sourceId: payoutB }),
  txn('payout_reversal', 12_000, 0),
  txn('fee', -100, 0, { description: '=HYPERLINK("http://evil.example","x")' }),
  txn('other_adjustment', 50, 0),
  txn('charge', 8_000, 250, { currency: 'eur', payoutId: payoutB }),
  txn('refund', -1_000, 0, { currency: 'eur', availableOn: inAWeek }),
  txn('partial_capture_reversal', -500, 0),
];

function parsed(params: Record<string, string | string[]>): BalanceFilters {
  const result = parseBalanceFilters({ ...MARCH, ...params });
  if (!result.ok) throw new Error(result.errors.join(' '));
  return result.filters;
}

async function idsOf(params: Record<string, string>): Promise<string[]> {
  const page = await listBalanceActivity(parsed(params), undefined, 100);
  return page.rows.map((row) => row.id).sort();
}

const idsWhere = (keep: (row: Row) => boolean) =>
  rows
    .filter(keep)
    .map((row) => row.id!)
    .sort();

let orderNumber: number;

beforeAll(async () => {
  const [order] = await db()
    .insert(orders)
    .values({
      status: 'paid',
      email: `balance-${suffix}@example.com`,
      currency: 'usd',
      amountSubtotal: 10_000,
      amountTotal: 10_000,
      stripePaymentIntentId: intent,
    })
    .returning({ number: orders.number });
  orderNumber = order!.number;
  await db().insert(balanceTransactions).values(rows);
});

afterAll(async () => {
  await db().$client.end();
});

describe('balance activity filters', () => {
  it.each([
    ['charge', ['charge']],
    ['refund', ['refund', 'refund_failure']],
    ['dispute', ['dispute', 'dispute_reversal']],
    ['payout', ['payout', 'payout_reversal']],
    ['fee', ['fee', 'other_adjustment']],
  ])('type %s shows the reporting categories %j, in every currency', async (type, categories) => {
    expect(await idsOf({ type })).toEqual(
      idsWhere((row) => categories.includes(row.reportingCategory)),
    );
  });

  it('currency, payout and a date range each narrow the view, and combine', async () => {
    expect(await idsOf({ currency: 'eur' })).toEqual(idsWhere((row) => row.currency === 'eur'));
    expect(await idsOf({ currency: 'EUR', type: 'refund' })).toEqual([rows[11]!.id]);
    expect(await idsOf({ payout: payoutA })).toEqual(idsWhere((row) => row.payoutId === payoutA));
    // Inclusive UTC days: the 2nd from midnight to the 3rd's end.
    expect(await idsOf({ from: '1987-03-02', to: '1987-03-03' })).toEqual([
      rows[1]!.id,
      rows[2]!.id,
    ]);
    expect(await idsOf({})).toEqual(idsWhere(() => true));
  });

  it('refuses bad input with a message for each problem, never a dropped filter', () => {
    const result = parseBalanceFilters({
      from: '1987-02-30',
      type: 'chargeback',
      currency: 'dollars',
      payout: 'tr_123',
    });
    expect(result).toEqual({
      ok: false,
      typed: { from: '1987-02-30', type: 'chargeback', currency: 'dollars', payout: 'tr_123' },
      errors: [
        'From must be a date such as 2025-03-31.',
        'Type must be one of charge, refund, dispute, payout, fee.',
        'Currency must be a three-letter code such as usd or eur.',
        'Payout must be a Stripe payout id such as po_1Nv0aX2eZvKYlo2C.',
      ],
    });
    expect(
      parseBalanceFilters({ from: '1987-03-10', to: '1987-03-01', currency: 'x' }),
    ).toMatchObject({
      ok: false,
      errors: [
        'Currency must be a three-letter code such as usd or eur.',
        'From must be on or before To.',
      ],
    });
    expect(parseBalanceFilters({ type: ['charge', 'refund'] })).toMatchObject({
      ok: false,
      errors: ['Give one type, not 2.'],
    });
    expect(parseBalanceFilters({ to: '9999-12-31' })).toMatchObject({
      ok: false,
      errors: ['To must be in a year from 0001 to 9998.'],
    });
    // Fields a GET form leaves blank are no filter.
    expect(parseBalanceFilters({ from: '', type: '', payout: ' ' })).toEqual({
      ok: true,
      filters: {},
    });
  });
});

describe('balance activity page', () => {
  it('pages through every transaction once by keyset, newest first, ties broken by id', async () => {
    const all = await listBalanceActivity(parsed({}), undefined, 100);
    const seen: string[] = [];
    let page = await listBalanceActivity(parsed({}), undefined, 3);
    seen.push(...page.rows.map((row) => row.id));
    while (page.next) {
      expect(isActivityCursor(page.next)).toBe(true);
      page = await listBalanceActivity(parsed({}), page.next, 3);
      seen.push(...page.rows.map((row) => row.id));
    }
    expect(seen).toEqual(all.rows.map((row) => row.id));
    expect(seen).toHaveLength(rows.length);
    const order = all.rows.map((row) => [row.created.getTime(), row.id] as const);
    const sorted = [...order].sort(([a, x], [b, y]) => b - a || (y > x ? 1 : -1));
    expect(order).toEqual(sorted);
    expect(isActivityCursor('!!!')).toBe(false);
  });

  it('names the order a transaction belongs to through its payment intent', async () => {
    const { rows: found } = await listBalanceActivity(parsed({ type: 'charge' }), undefined, 100);
    expect(found.find((row) => row.id === rows[0]!.id)?.orderNumber).toBe(orderNumber);
    expect(found.find((row) => row.id === rows[1]!.id)?.orderNumber).toBeNull();
  });

  it('totals the whole filtered set per currency, never across currencies', async () => {
    const expected = (currency: string, keep: (row: Row) => boolean): CurrencyTotals => {
      const set = rows.filter((row) => row.currency === currency && keep(row));
      const sum = (key: 'amount' | 'fee' | 'net') => set.reduce((s, row) => s + row[key], 0);
      return {
        currency,
        count: set.length,
        amount: sum('amount'),
        fee: sum('fee'),
        net: sum('net'),
      };
    };
    expect(await balanceTotals(parsed({}))).toEqual([
      expected('eur', () => true),
      expected('usd', () => true),
    ]);
    expect(await balanceTotals(parsed({ type: 'dispute' }))).toEqual([
      { currency: 'usd', count: 2, amount: 0, fee: 0, net: 0 },
    ]);
    expect(await balanceTotals(parsed({ payout: payoutB }))).toEqual([
      { currency: 'eur', count: 1, amount: 8_000, fee: 250, net: 7_750 },
    ]);
  });
});

describe('balance activity CSV export', () => {
  async function csvLines(filters: BalanceFilters): Promise<string[][]> {
    return csvRecords(await new Response(balanceActivityCsvStream(filters)).text());
  }

  it('is exactly the filtered view: its rows and sums are the totals on the page', async () => {
    const views: Array<Record<string, string>> = [
      {},
      { type: 'refund' },
      { currency: 'usd', type: 'payout' },
    ];
    for (const params of views) {
      const filters = parsed(params);
      const [header, ...lines] = await csvLines(filters);
      expect(header).toEqual([
        'id',
        'created',
        'type',
        'reporting_category',
        'description',
        'currency',
        'amount',
        'fee',
        'net',
        'available_on',
        'status',
        'payout',
        'order_number',
        'payment_intent',
        'source',
      ]);
      const page = await listBalanceActivity(filters, undefined, 100);
      expect(lines.map((line) => line[0])).toEqual(page.rows.map((row) => row.id));
      for (const total of await balanceTotals(filters)) {
        const mine = lines.filter((line) => line[5] === total.currency);
        // Cents added as integers, as a spreadsheet's SUM of the decimals would come to.
        const sum = (column: number) =>
          formatDecimal(
            mine.reduce((s, line) => s + Math.round(Number(line[column]) * 100), 0),
            total.currency,
          );
        expect(mine).toHaveLength(total.count);
        expect([sum(6), sum(7), sum(8)]).toEqual([
          formatDecimal(total.amount, total.currency),
          formatDecimal(total.fee, total.currency),
          formatDecimal(total.net, total.currency),
        ]);
      }
    }
  });

  it('writes negative amounts as numbers, neutralises formulas and says what is pending', async () => {
    const text = await new Response(balanceActivityCsvStream(parsed({}))).text();
    const line = (id: string) => text.split('\r\n').find((row) => row.startsWith(`${id},`))!;
    expect(line(rows[2]!.id)).toContain(',Refunds,refund,refund 3,usd,-20.00,0.00,-20.00,');
    expect(line(rows[8]!.id)).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(line(rows[11]!.id)).toMatch(/,pending,,,,$/);
    expect(line(rows[0]!.id)).toMatch(
      new RegExp(`,available,${payoutA},${orderNumber},${intent},$`),
    );
  });
});
