import { eq } from 'drizzle-orm';
import type { Browser, Page } from '@playwright/test';
import { orders } from '@/db/schema';
import { CART_COOKIE, serializeCart } from '@/lib/cart/lines';
import { e2eDatabase } from './e2e-database';
import { expect } from './fixtures';

// A purchase through the hosted page as a customer makes it, for the admin specs that need a paid
// order behind them, and the admin pages' accessibility check at both widths.

/** Where the e2e customers live: in the seeded "Domestic" zone (the United States). */
export const CUSTOMER_ADDRESS = {
  name: 'Ada Lovelace',
  line1: '1 Market Street',
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94105',
  country: 'US',
};

/**
 * Fills the hosted page's shipping address when it asks for one (the demo's goods ship; a
 * product made for one test does not unless asked), as a customer would.
 */
export async function fillShippingAddressIfAsked(page: Page, address = CUSTOMER_ADDRESS) {
  const form = page.getByRole('group', { name: 'Shipping address' });
  if ((await form.count()) === 0) return;
  await form.getByLabel('Full name').fill(address.name);
  await form.getByLabel('Address line 1').fill(address.line1);
  await form.getByLabel('City').fill(address.city);
  await form.getByLabel('Postal code').fill(address.postalCode);
  await form.getByLabel('State, province or region').fill(address.state);
  await form.getByLabel('Country').selectOption(address.country);
}

/**
 * A customer at an address of its own (so other specs' checkouts count nothing against its rate
 * limit) buys one unit of `productId` on the hosted page with `card`; returns the order's number.
 */
export async function buy(
  browser: Browser,
  baseURL: string,
  productId: string,
  address: string,
  card = '4242 4242 4242 4242',
) {
  const context = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { 'X-Forwarded-For': address },
  });
  try {
    const cart = serializeCart({ lines: [{ productId, quantity: 1 }] });
    await context.addCookies([
      { name: CART_COOKIE, value: encodeURIComponent(cart), url: baseURL },
    ]);
    const page = await context.newPage();
    await page.goto('/cart');
    await page.getByRole('button', { name: 'Checkout' }).click();
    await expect(page.getByRole('heading', { name: 'Pay with card' })).toBeVisible();
    await page.getByLabel('Email').fill('owner@example.com');
    await page.getByLabel('Card number').fill(card);
    await page.getByLabel('Expiration').fill('12 / 34');
    await page.getByLabel('CVC').fill('123');
    await page.getByLabel('Cardholder name').fill('Shop Owner');
    await fillShippingAddressIfAsked(page);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    const sessionId = new URL(page.url()).searchParams.get('session_id')!;
    const { db, sql } = e2eDatabase();
    try {
      const [order] = await db
        .select({ number: orders.number })
        .from(orders)
        .where(eq(orders.stripeCheckoutSessionId, sessionId));
      return order!.number;
    } finally {
      await sql.end();
    }
  } finally {
    await context.close();
  }
}

/** axe on the desktop page, then at 360 px wide with no sideways scrolling, then back. */
export async function expectAccessibleAtBothWidths(
  page: Page,
  expectAccessible: (page: Page) => Promise<void>,
) {
  await expectAccessible(page);
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  if (desktop) await page.setViewportSize(desktop);
}
