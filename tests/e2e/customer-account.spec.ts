import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { orders, verificationTokens } from '@/db/schema';
import { askForSignInLink, e2eDatabase, latestSignInLink, openSignInLink } from './e2e-database';
import { expect, test } from './fixtures';
import { fillShippingAddressIfAsked } from './purchase';

// A customer's account against the production build and the emulator: the emailed sign-in link
// (read from email_outbox: SMTP_URL is unset), saved cards on checkout, order history, managing
// cards through a setup-mode session, and the walls around other people's orders and /admin.

async function signIn(page: Page, email: string) {
  await askForSignInLink(page, email);
  await openSignInLink(page, email);
  await expect(page).toHaveURL(/\/account\/orders$/);
}

async function buy(page: Page, slug: string) {
  await page.goto(`/products/${slug}`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('to your cart');
  await page.goto('/cart');
  await page.getByRole('button', { name: 'Checkout' }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(`${process.env.E2E_EMULATOR_URL}/`));
}

function newEmail(name: string) {
  return `${name}-${randomBytes(4).toString('hex')}@example.com`;
}

test.describe('customer accounts', () => {
  // Whole journeys (sign in by link, pay on the hosted page, manage cards) on two shared cores.
  test.describe.configure({ timeout: 60_000 });

  test('sign in by link, save a card, pay with it, see both orders, manage cards, sign out', async ({
    page,
    expectAccessible,
  }) => {
    const email = newEmail('grace');
    await page.goto('/account/sign-in');
    await expectAccessible(page);
    await signIn(page, email);
    await expect(page.getByText('No orders yet.')).toBeVisible();

    // First purchase: a new card, saved on the account's Stripe Customer.
    await buy(page, 'stoneware-mug');
    await expect(page.getByText('Saved cards')).toHaveCount(0);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiration').fill('12 / 34');
    await page.getByLabel('CVC').fill('123');
    await page.getByLabel('Cardholder name').fill('Grace Hopper');
    await page.getByLabel('Save card for future purchases').check();
    await fillShippingAddressIfAsked(page);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    await page.getByRole('link', { name: 'View this order any time' }).click();
    await expect(page.getByRole('heading', { name: /^Order \d+$/ })).toBeVisible();

    // Second purchase: the saved card is offered and chosen; no number typed.
    await buy(page, 'field-notebook');
    await expect(page.getByLabel(/Visa •••• 4242/)).toBeChecked();
    await fillShippingAddressIfAsked(page);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Paid');

    await page.goto('/account/orders');
    await expect(page.getByTestId('customer-order')).toHaveCount(2);
    await expectAccessible(page);
    await page.getByTestId('customer-order').first().getByRole('link').click();
    await expect(page.getByText('Field Notebook')).toBeVisible();
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    await expectAccessible(page);

    // A second card through a setup-mode session.
    await page.goto('/account/payment-methods');
    await expect(page.getByTestId('saved-card')).toHaveCount(1);
    await expect(page.getByTestId('saved-card')).toContainText('Visa ending in 4242');
    await page.getByRole('button', { name: 'Add a card' }).click();
    await expect(page.getByText('You will not be charged now.')).toBeVisible();
    await page.getByLabel('Card number').fill('5555 5555 5555 4444');
    await page.getByLabel('Expiration').fill('11 / 33');
    await page.getByLabel('CVC').fill('123');
    await page.getByLabel('Cardholder name').fill('Grace Hopper');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page).toHaveURL(/\/account\/payment-methods\?added=cs_test_/);
    await expect(page.getByText('Your card was saved.')).toBeVisible();
    const cards = page.getByTestId('saved-card');
    await expect(cards).toHaveCount(2);
    await expectAccessible(page);

    // Make the new card the default.
    const second = cards.filter({ hasText: 'Mastercard ending in 4444' });
    await second.getByRole('button', { name: 'Make default' }).click();
    await expect(
      second.getByText('Make Mastercard ending in 4444 your default card?'),
    ).toBeVisible();
    await second.getByRole('button', { name: 'Make default' }).click();
    await expect(page.getByRole('status')).toContainText(
      'Mastercard ending in 4444 is now your default card.',
    );
    // The default card is listed first, with its badge and without "Make default".
    await expect(cards.first()).toContainText('Mastercard ending in 4444');
    await expect(cards.first().getByText('Default', { exact: true })).toBeVisible();
    await expect(cards.first().getByRole('button', { name: 'Make default' })).toHaveCount(0);

    // Delete the first.
    const first = cards.filter({ hasText: 'Visa ending in 4242' });
    await first.getByRole('button', { name: 'Delete' }).click();
    await first.getByRole('button', { name: 'Delete card' }).click();
    await expect(page.getByText('Visa ending in 4242 was deleted.')).toBeVisible();
    await expect(cards).toHaveCount(1);
    await expect(cards).toContainText('Mastercard ending in 4444');
    await expect(cards).toContainText('Expires 11/2033');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('You are signed out.')).toBeVisible();
    await page.goto('/account/orders');
    await expect(page).toHaveURL(/\/account\/sign-in$/);
  });

  test('a sign-in link works once, and not after it expires', async ({ page }) => {
    const email = newEmail('once');
    await askForSignInLink(page, email);
    const link = await latestSignInLink(email);
    await openSignInLink(page, email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('You are signed out.')).toBeVisible();

    await page.goto(link);
    await expect(page.getByText('That sign-in link has expired or was already used')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Sign in as/ })).toHaveCount(0);

    await askForSignInLink(page, email);
    const { db, sql } = e2eDatabase();
    try {
      await db
        .update(verificationTokens)
        .set({ expires: new Date(Date.now() - 1000) })
        .where(eq(verificationTokens.identifier, email));
    } finally {
      await sql.end();
    }
    await page.goto(await latestSignInLink(email));
    await expect(page.getByText('That sign-in link has expired or was already used')).toBeVisible();
  });

  test("a customer cannot open another customer's order, a forged link, or /admin", async ({
    page,
  }) => {
    const { db, sql } = e2eDatabase();
    let other: { id: string; number: number };
    try {
      [other] = (await db
        .insert(orders)
        .values({
          status: 'paid',
          email: newEmail('someone-else'),
          currency: 'usd',
          amountSubtotal: 1200,
          amountTotal: 1200,
          stripeInvoiceId: 'in_someone_elses',
          invoiceUrl: 'https://invoice.stripe.com/i/someone-elses',
          invoicePdfUrl: 'https://pay.stripe.com/invoice/someone-elses/pdf',
        })
        .returning({ id: orders.id, number: orders.number })) as [{ id: string; number: number }];
    } finally {
      await sql.end();
    }
    await signIn(page, newEmail('nosy'));

    const byId = await page.goto(`/account/orders/${other.id}`);
    expect(byId?.status()).toBe(404);
    const forged = await page.goto(`/account/orders/${other.id}?key=${'A'.repeat(43)}`);
    expect(forged?.status()).toBe(404);
    const guessed = await page.goto(`/account/orders/${crypto.randomUUID()}`);
    expect(guessed?.status()).toBe(404);
    const byNumber = await page.goto(`/account/orders/${other.number}`);
    expect(byNumber?.status()).toBe(404);
    // Nor their invoice: the store's invoice link answers 404, never a redirect to Stripe's page.
    for (const path of [
      `/account/orders/${other.id}/invoice`,
      `/account/orders/${other.id}/invoice?format=pdf`,
      `/account/orders/${other.id}/invoice?key=${'A'.repeat(43)}`,
    ]) {
      const invoice = await page.request.get(path, { maxRedirects: 0 });
      expect(invoice.status(), path).toBe(404);
      expect(invoice.headers().location, path).toBeUndefined();
    }

    await page.goto('/admin');
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    await expect(page.getByRole('heading', { name: 'Admin sign-in' })).toBeVisible();
    await page.goto('/admin/orders');
    await expect(page).toHaveURL(/\/admin\/sign-in/);
  });
});
