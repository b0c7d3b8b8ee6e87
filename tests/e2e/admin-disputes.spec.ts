import type { Page } from '@playwright/test';
import { signInAsAdmin } from './admin-sign-in';
import { expect, test } from './fixtures';
import { buy, expectAccessibleAtBothWidths } from './purchase';
import { createTestProduct, retireTestProducts } from './test-products';

// The owner answers a dispute against the production build and the emulator: Stripe's dispute
// card opens one right after paying; the dashboard's alert leads to its page, whose evidence form
// the store filled in; the owner saves a draft, submits Stripe's winning test evidence, and sees
// the dispute won once the emulator (the bank) decides. An early fraud warning's order is
// refunded in full from its page.

const DISPUTE_CARD = '4000 0000 0000 0259';
const FRAUD_WARNING_CARD = '4000 0000 0000 5423';
// Events reach the store through webhooks and its inbox: give them a moment.
const ARRIVED = { timeout: 30_000, intervals: [250, 500, 1_000] };

async function untilShown(page: Page, path: string, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass(ARRIVED);
}

test.describe('disputes and fraud', () => {
  test.describe.configure({ timeout: 120_000 });
  const created: string[] = [];
  test.afterAll(async ({ browser, baseURL }) => {
    await retireTestProducts(browser, baseURL!, created);
  });

  test('the owner answers a dispute from the dashboard alert and sees it won', async ({
    page,
    browser,
    baseURL,
    expectAccessible,
  }) => {
    const product = await createTestProduct('Disputed Teapot', 5);
    created.push(product.id);
    const number = await buy(browser, baseURL!, product.id, '203.0.113.171', DISPUTE_CARD);

    await signInAsAdmin(page);
    const alert = page.getByRole('alert').filter({ hasText: 'your response' });
    const link = alert.getByRole('link', {
      name: new RegExp(`on order #${number} \\(fraudulent\\)`),
    });
    await untilShown(page, '/admin', () => expect(link).toBeVisible());
    await expect(alert).toContainText('days left');
    await expectAccessibleAtBothWidths(page, expectAccessible);

    // The owner was told by email, at their notification address.
    await page.goto('/admin/mail');
    await expect(page.getByRole('table')).toContainText(`order ${number} is disputed`);
    await expect(page.getByRole('table')).toContainText(process.env.E2E_OWNER_EMAIL!);
    await page.goto('/admin');
    await link.click();
    await expect(
      page.getByRole('heading', { level: 1, name: /Dispute of \$24\.00/ }),
    ).toBeVisible();
    await expect(page.getByText('Response needed')).toBeVisible();
    // Filled in from the order.
    await expect(page.getByLabel('Customer email')).toHaveValue('owner@example.com');
    await expect(page.getByLabel('What was sold')).toHaveValue(/1 × Disputed Teapot/);
    await expect(
      page.getByLabel('Other evidence (what the customer was sent, the order’s history)'),
    ).toHaveValue(new RegExp(`Order ${number}, placed`));
    await expectAccessibleAtBothWidths(page, expectAccessible);

    await page
      .getByLabel('Other evidence (what the customer was sent, the order’s history)')
      .fill('winning_evidence');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status')).toHaveText(/Draft saved on Stripe/);
    await page.reload();
    await expect(page.getByText('draft saved on Stripe, not submitted')).toBeVisible();
    await expect(
      page.getByLabel('Other evidence (what the customer was sent, the order’s history)'),
    ).toHaveValue('winning_evidence');

    await page.getByRole('button', { name: 'Submit evidence…' }).click();
    await page.getByRole('button', { name: 'Confirm submission' }).click();
    // Submitted: the form gives way to what was sent, under the bank's review (or decided).
    await expect(page.getByRole('heading', { name: 'Evidence sent' })).toBeVisible();

    const disputeUrl = new URL(page.url()).pathname;
    await untilShown(page, disputeUrl, () =>
      expect(page.getByText('Won', { exact: true })).toBeVisible(),
    );
    await expect(page.getByRole('heading', { name: 'Evidence sent' })).toBeVisible();
    await expect(page.getByText('winning_evidence')).toBeVisible();
    await expectAccessibleAtBothWidths(page, expectAccessible);

    await page.goto(`/admin/orders/${number}`);
    await expect(page.getByRole('region', { name: 'Disputes and fraud' })).toContainText('Won');
    await page.goto('/admin/audit');
    await expect(page.getByRole('table')).toContainText('dispute.evidence_submitted');
  });

  test('an early fraud warning flags the order, and one confirmed click refunds it in full', async ({
    page,
    browser,
    baseURL,
    expectAccessible,
  }) => {
    const product = await createTestProduct('Suspicious Teapot', 5);
    created.push(product.id);
    const number = await buy(browser, baseURL!, product.id, '203.0.113.172', FRAUD_WARNING_CARD);

    await signInAsAdmin(page);
    const alert = page
      .getByRole('alert')
      .filter({ hasText: `Order #${number} has an early fraud warning` });
    await untilShown(page, '/admin', () => expect(alert).toBeVisible());
    await alert.getByRole('link', { name: `Order #${number}` }).click();

    await expect(page.getByText('Fraud warning', { exact: true })).toBeVisible();
    await expectAccessibleAtBothWidths(page, expectAccessible);
    await page.getByRole('button', { name: 'Refund in full…' }).click();
    await expect(page.getByText(/Refund the remaining \$24\.00 as fraudulent\?/)).toBeVisible();
    await page.getByRole('button', { name: 'Confirm full refund' }).click();

    // The refund's and the warning's events arrive: the order is refunded, nothing is left to act on.
    await untilShown(page, `/admin/orders/${number}`, async () => {
      await expect(page.getByRole('button', { name: 'Refund in full…' })).toHaveCount(0);
      await expect(page.getByRole('region', { name: 'Disputes and fraud' })).toContainText(
        'nothing left to act on',
      );
    });
    await expect(page.getByRole('region', { name: 'Refunds', exact: true })).toContainText(
      '$24.00',
    );
    await page.goto('/admin');
    await expect(alert).toHaveCount(0);
  });
});
