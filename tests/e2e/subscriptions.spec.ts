import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { askForSignInLink, openSignInLink } from './e2e-database';
import { expect, test } from './fixtures';

// Subscriptions against the production build and the emulator: a signed-in customer subscribes to
// the 100 kr a month membership on the hosted page, the emulator's clock renews it, the customer
// cancels at period end and resumes, and another customer's renewal with card 0341 fails.
// This file advances the emulator's one clock by months, so it runs last (files run in name order).

const MEMBERSHIP = '/products/coffee-refill-club';
const DAYS_32 = 32 * 24 * 60 * 60;

async function signedInPage(browser: Browser, name: string): Promise<Page> {
  const email = `${name}-${randomBytes(4).toString('hex')}@example.com`;
  const page = await (await browser.newContext()).newPage();
  await askForSignInLink(page, email);
  await openSignInLink(page, email);
  await page.goto('/account/subscriptions');
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  return page;
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

async function advanceClock(seconds: number) {
  const response = await fetch(`${process.env.E2E_EMULATOR_URL}/_emulator/clock/advance`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ seconds }),
  });
  expect(response.ok).toBe(true);
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
  const ada = await signedInPage(browser, 'ada');
  await subscribeWithCard(ada, '4242 4242 4242 4242');

  await ada.getByRole('link', { name: 'Manage your subscriptions' }).click();
  const card = membershipCard(ada);
  await expect(card.getByText('Active')).toBeVisible();
  await expect(card.getByText('100,00 kr / month')).toBeVisible();
  await expect(card.getByRole('list', { name: 'Invoices' }).getByRole('listitem')).toHaveCount(1);
  await expectAccessible(ada);

  await advanceClock(DAYS_32);
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

  const grace = await signedInPage(browser, 'grace');
  await subscribeWithCard(grace, '4000 0000 0000 0341');
  await advanceClock(DAYS_32);
  await expectOnAccountPage(grace, async () => {
    await expect(membershipCard(grace).getByText('Past due')).toBeVisible();
  });
  await expect(
    membershipCard(grace).getByRole('list', { name: 'Invoices' }).getByText('Payment failed'),
  ).toBeVisible();
});
