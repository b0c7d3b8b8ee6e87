import Stripe from 'stripe';
import type { Page } from '@playwright/test';
import { formatMoney } from '@/lib/money';
import { signInAsAdmin } from './admin-sign-in';
import { buy, expectAccessibleAtBothWidths } from './purchase';
import { expect, test } from './fixtures';
import { createTestProduct, retireTestProducts } from './test-products';

// The owner's Money section against the production build and the emulator's balance: a test
// purchase shows as pending in Stripe's balance; the emulator's payout schedule, run now, pays it
// out; the store mirrors the payout (payout.* events) and what it paid out (the inbox worker's
// sync), and its page reconciles. A payout to a failing test bank account raises the dashboard's
// alert, and the next payout, to a working account, clears it.

const EMULATOR = () => process.env.E2E_EMULATOR_URL!;
// The test products cost $24.00; the emulator's card fee is 2.9 % + 30¢ = $1.00.
const PRICE = 2_400;
const FEE = 100;
// Stripe's test bank accounts (emulator/README.md, "A failing payout").
const FAILING_ACCOUNT = '000111111116';
const WORKING_ACCOUNT = '000123456789';
// The mirror catches up through webhooks and the inbox worker's sync: give it time.
const SYNCED = { timeout: 30_000, intervals: [250, 500, 1_000] };

/** The store's Stripe account, read as the store reads it (the emulator behind the SDK). */
function stripeAccount(): Stripe {
  const url = new URL(EMULATOR());
  return new Stripe('sk_test_shopfronte2e', {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
  });
}

async function control<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${EMULATOR()}/_emulator${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`emulator ${path}: ${JSON.stringify(json)}`);
  return json;
}

/** Runs the daily payout schedule now; the usd payout it made (all of the available usd). */
async function runPayouts(): Promise<string> {
  const { payouts } = await control<{ payouts: Array<{ id: string; currency: string }> }>(
    '/payouts/run',
  );
  const usd = payouts.find((payout) => payout.currency === 'usd');
  if (!usd) throw new Error(`the payout run made no usd payout: ${JSON.stringify(payouts)}`);
  return usd.id;
}

/** Reloads `path` until `check` passes: the mirror follows Stripe a moment later. */
async function untilSynced(page: Page, path: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass(SYNCED);
}

test.describe('money', () => {
  test.describe.configure({ timeout: 120_000 });
  const created: string[] = [];
  test.afterAll(async ({ browser, baseURL }) => {
    await retireTestProducts(browser, baseURL!, created);
  });

  test('a purchase is pending in the balance, is paid out, and its payout reconciles', async ({
    page,
    browser,
    baseURL,
    expectAccessible,
  }) => {
    const product = await createTestProduct('Payout Teapot', 5);
    created.push(product.id);
    const number = await buy(browser, baseURL!, product.id, '203.0.113.161');

    // Stripe's balance, as the Money page shows it: the purchase is pending, less its fee.
    await signInAsAdmin(page);
    await page
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: 'Money' })
      .click();
    await expect(page.getByRole('heading', { name: 'Money', level: 1 })).toBeVisible();
    const balance = await stripeAccount().balance.retrieve();
    const pending = balance.pending.find((entry) => entry.currency === 'usd')!.amount;
    expect(pending).toBeGreaterThanOrEqual(PRICE - FEE);
    const usd = page
      .getByRole('table', { name: 'Balance by currency, from Stripe' })
      .getByRole('row', { name: /^usd/i });
    await expect(usd.getByRole('cell').nth(2)).toHaveText(formatMoney(pending, 'usd'));
    await expect(page.getByRole('link', { name: 'Balance activity report' })).toHaveAttribute(
      'href',
      '/admin/money/activity',
    );
    await expectAccessibleAtBothWidths(page, expectAccessible);

    // The day's payout, now: every pending usd becomes available and goes out in one payout.
    const payoutId = await runPayouts();
    const payouts = page.getByRole('table', { name: 'Payouts, newest first' });
    const row = payouts
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: payoutId }) });
    await untilSynced(page, '/admin/money', async () => {
      await expect(row).toContainText(/Pending|In transit/);
    });
    await expect(
      page
        .getByRole('table', { name: 'Payouts on their way to the bank, soonest first' })
        .getByRole('link', { name: payoutId }),
    ).toBeVisible();

    // The bank receives it.
    await control('/payouts/settle', { payout: payoutId });
    await untilSynced(page, '/admin/money', async () => {
      await expect(row).toContainText('Paid');
    });
    await expectAccessibleAtBothWidths(page, expectAccessible);

    // Its page: the purchase among what it paid out, and the sum is the payout.
    await row.getByRole('link', { name: payoutId }).click();
    await expect(page.getByRole('heading', { name: `Payout ${payoutId}` })).toBeVisible();
    const paidOut = page.getByRole('region', { name: 'What it paid out' });
    await untilSynced(page, `/admin/money/payouts/${payoutId}`, async () => {
      await expect(paidOut).toContainText('Reconciled: the net of its');
    });
    await expect(page.getByRole('main')).toContainText('Paid');
    const purchase = paidOut
      .getByRole('table', { name: 'Balance transactions this payout paid out' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `#${number}` }) });
    await expect(purchase).toHaveCount(1);
    await expect(purchase).toContainText('charge');
    await expect(purchase).toContainText(formatMoney(PRICE, 'usd'));
    await expect(purchase).toContainText(formatMoney(FEE, 'usd'));
    await expect(purchase).toContainText(formatMoney(PRICE - FEE, 'usd'));
    await expect(paidOut.getByRole('link', { name: /balance activity report/ })).toHaveAttribute(
      'href',
      `/admin/money/activity?payout=${payoutId}`,
    );
    await expectAccessibleAtBothWidths(page, expectAccessible);

    // The order says what Stripe kept and what it left, and which payout paid it out.
    await purchase.getByRole('link', { name: `#${number}` }).click();
    const fees = page.getByRole('region', { name: 'Stripe fees and net' });
    await expect(fees).toContainText(`Stripe fees${formatMoney(FEE, 'usd')}`);
    await expect(fees).toContainText(`Net to balance${formatMoney(PRICE - FEE, 'usd')}`);
    await expect(fees.getByRole('link', { name: payoutId })).toBeVisible();
    await expectAccessibleAtBothWidths(page, expectAccessible);
  });

  test('a payout the bank refuses raises the dashboard alert; the next payout clears it', async ({
    page,
    browser,
    baseURL,
    expectAccessible,
  }) => {
    const product = await createTestProduct('Bounced Teapot', 5);
    created.push(product.id);
    await buy(browser, baseURL!, product.id, '203.0.113.162');
    await control('/balance/settings', { external_account: FAILING_ACCOUNT });
    let failedId: string;
    try {
      failedId = await runPayouts();
      await control('/payouts/settle', { payout: failedId });
    } finally {
      await control('/balance/settings', { external_account: WORKING_ACCOUNT });
    }
    const failed = await stripeAccount().payouts.retrieve(failedId);
    expect(failed.status).toBe('failed');

    // The dashboard says which payout, why (Stripe's words and code) and what to do.
    await signInAsAdmin(page);
    const alert = page
      .getByRole('main')
      .getByRole('alert')
      .filter({ hasText: `Payout ${failedId}` });
    await untilSynced(page, '/admin', async () => {
      await expect(alert).toContainText(
        `A payout of ${formatMoney(failed.amount, 'usd')} failed: ${failed.failure_message} (${failed.failure_code})`,
      );
    });
    await expect(alert).toContainText('Update the bank account in the Stripe Dashboard');
    await expect(alert).toContainText('Stripe returned the funds to your balance');
    await expectAccessibleAtBothWidths(page, expectAccessible);

    await alert.getByRole('link', { name: `Payout ${failedId}` }).click();
    await expect(page.getByRole('heading', { name: `Payout ${failedId}` })).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toContainText(
      `This payout failed: ${failed.failure_message} (${failed.failure_code})`,
    );
    await expectAccessibleAtBothWidths(page, expectAccessible);

    // Stripe pays the returned funds out again with the next payout, to the working account.
    const retryId = await runPayouts();
    await control('/payouts/settle', { payout: retryId });
    await untilSynced(page, '/admin', async () => {
      await expect(page.getByRole('link', { name: `Payout ${failedId}` })).toHaveCount(0);
    });
  });

  test('an unknown payout is not found', async ({ page }) => {
    await signInAsAdmin(page);
    const response = await page.goto('/admin/money/payouts/po_doesnotexist');
    expect(response?.status()).toBe(404);
  });
});
