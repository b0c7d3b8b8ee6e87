import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { users } from '@/db/schema';
import { askForSignInLink, e2eDatabase, openSignInLink } from './e2e-database';
import { expect, test } from './fixtures';

// Subscriptions against the production build and the emulator: a signed-in customer subscribes to
// the 100 kr a month membership on the hosted page, a test clock renews it, the customer cancels
// at period end and resumes, and another customer's renewal with card 0341 fails. Each customer
// travels in time on their own test clock, so nothing else in the run moves.

const MEMBERSHIP = '/products/coffee-refill-club';
const DAYS_32 = 32 * 24 * 60 * 60;

async function signedInPage(
  browser: Browser,
  name: string,
): Promise<{ page: Page; email: string }> {
  const email = `${name}-${randomBytes(4).toString('hex')}@example.com`;
  const page = await (await browser.newContext()).newPage();
  await askForSignInLink(page, email);
  await openSignInLink(page, email);
  await page.goto('/account/subscriptions');
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  return { page, email };
}

/** Subscribe on the product page, pay on the hosted page, land on the welcome page. */
async function subscribeWithCard(page: Page, card: string) {
  await page.goto(MEMBERSHIP);
  await expect(page.getByText('100,00 kr / month')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to cart' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(`${process.env.E2E_EMULATOR_URL}/`));
  await expect(page.getByText(/100\.00 \/ month/).first()).toBeVisible();
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiration').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await expect(page).toHaveURL(/\/account\/subscriptions\/welcome\?session_id=cs_/);
  await expect(
    page.getByRole('heading', { name: 'You subscribed to Coffee Refill Club' }),
  ).toBeVisible();
}

function emulatorSdk(): Stripe {
  const url = new URL(String(process.env.E2E_EMULATOR_URL));
  return new Stripe('sk_test_e2e', {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
  });
}

/**
 * Attaches the customer the store made for `email`'s account to a new test clock (Stripe's
 * `customer` parameter on test clock create), moves the clock `seconds` on, and waits until it is
 * ready: the customer's subscription has then renewed or failed.
 */
async function travelInTime(email: string, seconds: number) {
  const { db, sql } = e2eDatabase();
  const [user] = await db
    .select({ customer: users.stripeCustomerId })
    .from(users)
    .where(eq(users.email, email));
  await sql.end();
  const clocks = emulatorSdk().testHelpers.testClocks;
  const now = Math.floor(Date.now() / 1000);
  const clock = await clocks.create({ frozen_time: now, customer: String(user?.customer) });
  await clocks.advance(clock.id, { frozen_time: now + seconds });
  await expect(async () => {
    expect((await clocks.retrieve(clock.id)).status).toBe('ready');
  }).toPass();
}

function membershipCard(page: Page) {
  return page.getByRole('article', { name: 'Coffee Refill Club' });
}

/** The account page, reloaded until `check` passes (webhooks arrive when they arrive). */
async function expectOnAccountPage(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.goto('/account/subscriptions');
    await check();
  }).toPass();
}

test('subscribe, renew, cancel at period end and resume; another customer’s failing renewal shows past due', async ({
  browser,
  expectAccessible,
}) => {
  // Two customers, each signing in, subscribing on the hosted page and travelling a month.
  test.slow();
  const { page: ada, email: adaEmail } = await signedInPage(browser, 'ada');
  await subscribeWithCard(ada, '4242 4242 4242 4242');

  await ada.getByRole('link', { name: 'Manage your subscriptions' }).click();
  const card = membershipCard(ada);
  await expect(card.getByText('Active')).toBeVisible();
  await expect(card.getByText('100,00 kr / month')).toBeVisible();
  await expect(card.getByRole('list', { name: 'Invoices' }).getByRole('listitem')).toHaveCount(1);
  await expectAccessible(ada);

  await travelInTime(adaEmail, DAYS_32);
  await expectOnAccountPage(ada, async () => {
    const invoices = membershipCard(ada).getByRole('list', { name: 'Invoices' });
    await expect(invoices.getByRole('listitem').filter({ hasText: 'Paid' })).toHaveCount(2);
  });
  await expect(card.getByText('Active')).toBeVisible();

  await card.getByRole('button', { name: 'Cancel Coffee Refill Club at period end' }).click();
  await expect(card.getByText(/^Coffee Refill Club will end on /)).toBeVisible();
  await expect(card.getByText(/^Ends on /)).toBeVisible();
  await card.getByRole('button', { name: 'Resume Coffee Refill Club' }).click();
  await expect(card.getByText(/^Renews on /)).toBeVisible();
  await expect(card.getByText('Active')).toBeVisible();

  const { page: grace, email: graceEmail } = await signedInPage(browser, 'grace');
  await subscribeWithCard(grace, '4000 0000 0000 0341');
  await travelInTime(graceEmail, DAYS_32);
  // The subscription's and the invoice's webhooks arrive in any order: wait for both.
  await expectOnAccountPage(grace, async () => {
    await expect(membershipCard(grace).getByText('Past due')).toBeVisible();
    await expect(
      membershipCard(grace).getByRole('list', { name: 'Invoices' }).getByText('Payment failed'),
    ).toBeVisible();
  });
});
