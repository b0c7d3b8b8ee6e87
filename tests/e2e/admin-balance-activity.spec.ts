import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inArray } from 'drizzle-orm';
import { balanceTransactions, orders } from '@/db/schema';
import { csvRecords } from '@/tests/support/csv-records';
import { signInAsAdmin } from './admin-sign-in';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';

// The balance activity report against the production build: an admin narrows Stripe's balance
// movements to a type, a currency and a month, reads the totals, and downloads exactly that view.
// The transactions are this spec's own, in June 1995, so nothing else in the run's database shows.

const suffix = randomBytes(4).toString('hex');
const intent = `pi_e2e_${suffix}`;
const payout = `po_e2e_${suffix}`;
const JUNE = 'from=1995-06-01&to=1995-06-30';
const at = (day: number) => new Date(Date.UTC(1995, 5, day, 10));
const transactions = [
  { reportingCategory: 'charge', amount: 2_500, fee: 103, currency: 'usd', day: 3, intent },
  { reportingCategory: 'charge', amount: 4_000, fee: 146, currency: 'usd', day: 4, payout },
  { reportingCategory: 'refund', amount: -1_000, fee: 0, currency: 'usd', day: 5 },
  { reportingCategory: 'charge', amount: 3_000, fee: 117, currency: 'eur', day: 6 },
].map(({ day, intent: paymentIntentId, payout: payoutId, ...row }, index) => ({
  ...row,
  id: `txn_e2e_${suffix}_${index}`,
  type: row.reportingCategory,
  net: row.amount - row.fee,
  created: at(day),
  availableOn: at(day + 2),
  description: `E2E ${row.reportingCategory} ${index}`,
  paymentIntentId,
  payoutId,
}));
let orderNumber: number;

test.beforeAll(async () => {
  const { db, sql } = e2eDatabase();
  try {
    const [order] = await db
      .insert(orders)
      .values({
        status: 'paid',
        email: `balance-${suffix}@example.com`,
        currency: 'usd',
        amountSubtotal: 2_500,
        amountTotal: 2_500,
        stripePaymentIntentId: intent,
      })
      .returning({ number: orders.number });
    orderNumber = order!.number;
    await db.insert(balanceTransactions).values(transactions);
  } finally {
    await sql.end();
  }
});

test.afterAll(async () => {
  const { db, sql } = e2eDatabase();
  await db.delete(balanceTransactions).where(
    inArray(
      balanceTransactions.id,
      transactions.map((row) => row.id),
    ),
  );
  await sql.end();
});

test.describe('balance activity', () => {
  test('filters to a type, currency and month, shows the totals, and exports exactly them', async ({
    page,
    expectAccessible,
  }) => {
    await signInAsAdmin(page);
    await page.goto(`/admin/money/activity?${JUNE}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Balance activity' })).toBeVisible();
    // Per currency, never added together.
    const totals = page.getByRole('table', { name: 'Totals of the filtered activity' });
    await expect(totals.getByRole('row', { name: /^USD/ }).getByRole('cell')).toHaveText([
      '3',
      '$55.00',
      '$2.49',
      '$52.51',
    ]);
    await expect(totals.getByRole('row', { name: /^EUR/ })).toContainText('€30.00');
    await expectAccessible(page);

    await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Charges' });
    await page.getByRole('combobox', { name: 'Currency' }).selectOption('usd');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/type=charge/);
    await expect(page).toHaveURL(/currency=usd/);
    await expect(totals.getByRole('row')).toHaveCount(2);
    const usd = totals.getByRole('row', { name: /^USD/ });
    await expect(usd.getByRole('cell')).toHaveText(['2', '$65.00', '$2.49', '$62.51']);

    const activity = page.getByRole('table', { name: 'Balance activity, newest first' });
    const rows = activity.getByRole('row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('E2E charge 1');
    await expect(rows.nth(1).getByRole('link', { name: payout })).toHaveAttribute(
      'href',
      `/admin/money/payouts/${payout}`,
    );
    await expect(rows.nth(2).getByRole('link', { name: `#${orderNumber}` })).toHaveAttribute(
      'href',
      `/admin/orders/${orderNumber}`,
    );
    await expect(rows.nth(2)).toContainText('Available');
    await expectAccessible(page);

    // The download is the view on screen: its rows and sums are the totals above.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const [header, ...lines] = csvRecords(await readFile((await (await download).path())!, 'utf8'));
    expect(header).toEqual(expect.arrayContaining(['id', 'currency', 'amount', 'fee', 'net']));
    const column = (name: string) => header!.indexOf(name);
    const sum = (name: string) =>
      (
        lines.reduce((cents, line) => cents + Math.round(Number(line[column(name)]) * 100), 0) / 100
      ).toFixed(2);
    expect(lines.map((line) => line[column('id')])).toEqual([
      transactions[1]!.id,
      transactions[0]!.id,
    ]);
    expect(new Set(lines.map((line) => line[column('currency')]))).toEqual(new Set(['usd']));
    expect([sum('amount'), sum('fee'), sum('net')]).toEqual(['65.00', '2.49', '62.51']);
  });

  test('a filter it cannot read is named, on the page and for the export, never a 500', async ({
    page,
  }) => {
    await signInAsAdmin(page);
    await page.goto('/admin/money/activity?from=1995-06-30&to=1995-06-01&type=chargeback');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText('From must be on or before To.');
    await expect(alert).toContainText('Type must be one of charge, refund, dispute, payout, fee.');
    await expect(page.getByLabel('From')).toHaveValue('1995-06-30');
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);

    const response = await page.request.get('/api/admin/money/activity/export?currency=dollars');
    expect(response.status()).toBe(400);
    expect(await response.text()).toBe(
      'Currency must be a three-letter code such as usd or eur.\n',
    );
    const forged = await page.request.get('/admin/money/activity?after=!!!');
    expect(forged.status()).toBe(200);
    expect(await forged.text()).toContain('This page link was not made by this report');
  });

  test('works at 360 px wide without sideways scrolling, and on a desktop, and passes axe', async ({
    page,
    expectAccessible,
  }) => {
    await signInAsAdmin(page);
    for (const size of [
      { width: 360, height: 740 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(`/admin/money/activity?${JUNE}&type=charge`);
      await expect(
        page.getByRole('table', { name: 'Balance activity, newest first' }),
      ).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${size.width} px`).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    }
  });
});
