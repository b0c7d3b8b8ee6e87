import { inArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { orders } from '@/db/schema';
import { CART_COOKIE, serializeCart } from '@/lib/cart/lines';
import { postCardForm } from '@/tests/support/hosted-page';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';
import { createTestProduct, retireTestProducts, stockOf } from './test-products';

// A hoarder attacks the running store from outside: its own browser, its own address, a cart
// cookie it writes itself, the cart page's Checkout server action, and its checkout_session cookie
// dropped between attempts. What it wants: to keep a product's stock from everyone else without
// paying. What a shopper at another address must still get: the stock they ask for.

const EMULATOR = () => process.env.E2E_EMULATOR_URL!;

async function statusesOf(sessionIds: string[]): Promise<string[]> {
  const { db, sql } = e2eDatabase();
  try {
    const rows = await db
      .select({ sessionId: orders.stripeCheckoutSessionId, status: orders.status })
      .from(orders)
      .where(inArray(orders.stripeCheckoutSessionId, sessionIds));
    const bySession = new Map(rows.map((row) => [row.sessionId, row.status]));
    return sessionIds.map((id) => bySession.get(id) ?? 'missing');
  } finally {
    await sql.end();
  }
}

/** A browser of its own at `address`, as a proxy in front of the store would report it. */
async function clientAt(browser: Browser, baseURL: string, address: string) {
  const context = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { 'X-Forwarded-For': address },
  });
  return context;
}

/** Writes the cart cookie by hand, as a script would: any product, any quantity the cart allows. */
async function setCart(context: BrowserContext, baseURL: string, lines: Array<[string, number]>) {
  const cart = serializeCart({
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
  });
  await context.addCookies([{ name: CART_COOKIE, value: encodeURIComponent(cart), url: baseURL }]);
}

/** Clicks Checkout; the Checkout Session's id once on the payment page, or the refusal shown. */
async function checkOut(page: Page): Promise<{ sessionId: string } | { refused: string }> {
  await page.goto('/cart');
  await page.getByRole('button', { name: 'Checkout' }).click();
  const refusal = page.getByRole('main').getByRole('alert');
  await expect(page.getByRole('heading', { name: 'Pay with card' }).or(refusal)).toBeVisible();
  if (page.url().startsWith(EMULATOR())) {
    return { sessionId: /\/c\/pay\/(cs_[^/?#]+)/.exec(page.url())![1]! };
  }
  return { refused: (await refusal.textContent()) ?? '' };
}

test.describe('stock holds', () => {
  const created: string[] = [];
  /** A teapot of this test's own with `stock` units. */
  async function productWithStock(stock: number): Promise<string> {
    const { id } = await createTestProduct('Hoarded Teapot', stock);
    created.push(id);
    return id;
  }
  test.afterAll(async ({ browser, baseURL }) => {
    await retireTestProducts(browser, baseURL!, created);
  });

  test('a hoarder dropping its checkout cookie holds one checkout at a time; a shopper elsewhere still buys', async ({
    browser,
    baseURL,
  }) => {
    const productId = await productWithStock(200);
    const hoarder = await clientAt(browser, baseURL!, '198.51.100.71');
    const shopper = await clientAt(browser, baseURL!, '203.0.113.71');
    try {
      const page = await hoarder.newPage();
      const sessions: string[] = [];
      for (let round = 0; round < 4; round++) {
        // Nothing but the cart: the checkout_session cookie of the last round is gone.
        await hoarder.clearCookies();
        await setCart(hoarder, baseURL!, [[productId, 50]]);
        const attempt = await checkOut(page);
        expect(attempt, `round ${round}`).toHaveProperty('sessionId');
        sessions.push((attempt as { sessionId: string }).sessionId);
      }

      // Each new checkout ended the one before: only the last one's 50 are held.
      expect(await statusesOf(sessions)).toEqual(['expired', 'expired', 'expired', 'pending']);
      expect(await stockOf(productId)).toBe(150);

      const buyer = await shopper.newPage();
      await setCart(shopper, baseURL!, [[productId, 2]]);
      const bought = await checkOut(buyer);
      expect(bought).toHaveProperty('sessionId');
      const paid = await postCardForm(buyer.url(), '4242424242424242');
      expect(paid.status).toBe(303);
      expect(await stockOf(productId)).toBe(148);
    } finally {
      await hoarder.close();
      await shopper.close();
    }
  });

  test('checkouts fired at once from one address hold at most the client limit; a shopper elsewhere still buys', async ({
    browser,
    baseURL,
  }) => {
    const productId = await productWithStock(200);
    const hoarder = await clientAt(browser, baseURL!, '198.51.100.72');
    const shopper = await clientAt(browser, baseURL!, '203.0.113.72');
    try {
      // Four tabs, each posting the Checkout action for 50 at the same moment, no cookie to tie them.
      await setCart(hoarder, baseURL!, [[productId, 50]]);
      const pages = await Promise.all([1, 2, 3, 4].map(() => hoarder.newPage()));
      await Promise.all(pages.map((page) => page.goto('/cart')));
      await Promise.all(
        pages.map((page) => page.getByRole('button', { name: 'Checkout' }).click()),
      );
      // Each tab ends on Stripe's page or on the store's refusal. One open checkout per client
      // (docs/SECURITY.md): a tab whose session a later tab's checkout expired shows Stripe's
      // expired page, and that session holds nothing any more.
      for (const page of pages)
        await expect(
          page
            .getByRole('heading', { name: 'Pay with card' })
            .or(page.getByRole('heading', { name: 'This checkout session has expired' }))
            .or(page.getByRole('main').getByRole('alert')),
        ).toBeVisible();

      const held = 200 - (await stockOf(productId))!;
      expect(held).toBeLessThanOrEqual(100);
      for (const page of pages.filter((p) => !p.url().startsWith(EMULATOR())))
        await expect(page.getByRole('main').getByRole('alert')).toContainText(
          'one connection can hold at most 100 at once',
        );

      const buyer = await shopper.newPage();
      await setCart(shopper, baseURL!, [[productId, 3]]);
      expect(await checkOut(buyer)).toHaveProperty('sessionId');
      expect(await stockOf(productId)).toBe(200 - held - 3);
    } finally {
      await hoarder.close();
      await shopper.close();
    }
  });

  test('a cart over one checkout’s limit: the cart page says why, the action refuses it, the cart stays', async ({
    browser,
    baseURL,
    expectAccessible,
  }) => {
    const productId = await productWithStock(500);
    const hoarder = await clientAt(browser, baseURL!, '198.51.100.73');
    try {
      await setCart(hoarder, baseURL!, [[productId, 99]]);
      const page = await hoarder.newPage();
      await page.goto('/cart');
      const reason =
        'One order can hold at most 50 items, and your cart has 99. Lower some quantities to 50 items or fewer. Your cart is saved as it is.';
      await expect(page.getByTestId('cart-too-large')).toHaveText(reason);
      await expect(page.getByRole('button', { name: 'Checkout' })).toBeDisabled();
      await expectAccessible(page);

      // The button's state is the page's; the server action decides. Post it anyway.
      await page
        .getByRole('button', { name: 'Checkout' })
        .evaluate((button) => button.removeAttribute('disabled'));
      await page.getByRole('button', { name: 'Checkout' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toContainText(
        'One order can hold at most 50 items, and your cart has 99.',
      );
      expect(await stockOf(productId)).toBe(500);

      await page.reload();
      await expect(page.getByRole('list', { name: 'Items in your cart' })).toContainText(
        'Hoarded Teapot',
      );
      await expect(page.getByRole('spinbutton').first()).toHaveValue('99');
    } finally {
      await hoarder.close();
    }
  });
});
