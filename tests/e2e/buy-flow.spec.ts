import { eq, inArray } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { orderItems, orders, products } from '@/db/schema';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';
import { fillShippingAddressIfAsked } from './purchase';

// The whole buy flow against the production build, the emulator's hosted page and its signed
// webhooks. Each test uses products no other test buys, so their stock can be checked exactly.

async function addToCart(page: Page, slug: string, quantity = 1) {
  await page.goto(`/products/${slug}`);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('to your cart');
}

/** Clicks "Checkout" on the cart page and waits for the emulator's hosted payment page. */
async function goToHostedCheckout(page: Page) {
  await page.getByRole('button', { name: 'Checkout' }).click();
  await expect(page).toHaveURL((url) => url.href.startsWith(`${process.env.E2E_EMULATOR_URL}/`));
  await expect(page.getByRole('heading', { name: 'Pay with card' })).toBeVisible();
}

async function payWithCard(page: Page, number: string) {
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiration').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Ada Lovelace');
  await fillShippingAddressIfAsked(page);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
}

async function stockBySlug(slugs: string[]) {
  const { db, sql } = e2eDatabase();
  try {
    const rows = await db
      .select({ slug: products.slug, stock: products.stock })
      .from(products)
      .where(inArray(products.slug, slugs));
    return Object.fromEntries(rows.map((row) => [row.slug, row.stock]));
  } finally {
    await sql.end();
  }
}

test.describe('buying', () => {
  test('two products, one twice, paid with 4242: the success page shows the paid order', async ({
    page,
    expectAccessible,
  }) => {
    const before = await stockBySlug(['glass-carafe', 'copper-measuring-spoons']);
    await addToCart(page, 'glass-carafe', 2);
    await addToCart(page, 'copper-measuring-spoons', 1);
    await expect(page.getByTestId('cart-count')).toHaveText('3');

    await page.goto('/cart');
    await expect(
      page.getByRole('list', { name: 'Items in your cart' }).getByRole('listitem'),
    ).toHaveCount(2);
    await expect(page.getByTestId('cart-subtotal')).toHaveText('$104.00');
    await expectAccessible(page);
    await goToHostedCheckout(page);
    await expect(page.getByText('Glass Water Carafe')).toBeVisible();
    await payWithCard(page, '4242 4242 4242 4242');

    await expect(page).toHaveURL(/\/checkout\/success\?session_id=cs_test_/);
    await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    await expect(page.getByTestId('order-total')).toHaveText('$104.00');
    await expect(page.getByText('ada@example.com')).toBeVisible();
    await expect(page.getByTestId('cart-count')).toHaveText('0');
    await expectAccessible(page);

    const sessionId = new URL(page.url()).searchParams.get('session_id')!;
    const { db, sql } = e2eDatabase();
    try {
      const [order] = await db
        .select()
        .from(orders)
        .where(eq(orders.stripeCheckoutSessionId, sessionId));
      expect(order).toMatchObject({ status: 'paid', amountTotal: 10400, email: 'ada@example.com' });
      const items = await db.select().from(orderItems).where(eq(orderItems.orderId, order!.id));
      expect(items.map((item) => item.quantity).sort()).toEqual([1, 2]);
    } finally {
      await sql.end();
    }
    expect(await stockBySlug(['glass-carafe', 'copper-measuring-spoons'])).toEqual({
      'glass-carafe': before['glass-carafe']! - 2,
      'copper-measuring-spoons': before['copper-measuring-spoons']! - 1,
    });
  });

  test('a declined card, then a good one', async ({ page }) => {
    await addToCart(page, 'canvas-tote');
    await page.goto('/cart');
    await goToHostedCheckout(page);
    await payWithCard(page, '4000 0000 0000 0002');
    await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
    await payWithCard(page, '4242 4242 4242 4242');
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
  });

  test('a 3D Secure card, authenticated', async ({ page }) => {
    await addToCart(page, 'enamel-kettle');
    await page.goto('/cart');
    await goToHostedCheckout(page);
    await payWithCard(page, '4000 0027 6000 3184');
    await page.getByRole('button', { name: 'Complete' }).click();
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
  });

  test('the hosted page’s back link returns to the cart, intact, with a notice; stock is held until then', async ({
    page,
  }) => {
    const before = await stockBySlug(['cast-iron-skillet']);
    await addToCart(page, 'cast-iron-skillet', 2);
    await page.goto('/cart');
    await goToHostedCheckout(page);
    await expect(page.getByText('Cast Iron Skillet, 26 cm')).toBeVisible();
    expect(await stockBySlug(['cast-iron-skillet'])).toEqual({
      'cast-iron-skillet': before['cast-iron-skillet']! - 2,
    });

    await page.getByRole('link', { name: /Back to/ }).click();
    await expect(page).toHaveURL(/\/cart\?checkout=canceled$/);
    await expect(page.getByText('Checkout canceled. Nothing was charged')).toBeVisible();
    await expect(page.getByTestId('cart-count')).toHaveText('2');
    await expect(page.getByTestId('cart-subtotal')).toHaveText('$178.00');

    // Checking out again expires the abandoned session: its stock comes back before the new hold.
    await goToHostedCheckout(page);
    await expect(page.getByText('Cast Iron Skillet, 26 cm')).toBeVisible();
    expect(await stockBySlug(['cast-iron-skillet'])).toEqual({
      'cast-iron-skillet': before['cast-iron-skillet']! - 2,
    });
  });

  test('stock held by a checkout shows on the product page at once', async ({ page }) => {
    await page.goto('/products/walnut-cutting-board');
    await expect(page.getByText('Only 2 left')).toBeVisible();
    await addToCart(page, 'walnut-cutting-board', 1);
    await page.goto('/cart');
    await goToHostedCheckout(page);
    await page.goto('/products/walnut-cutting-board');
    await expect(page.getByText('Only 1 left')).toBeVisible();
  });

  test('a forged or unknown session id shows a friendly not-found and reveals nothing', async ({
    page,
  }) => {
    for (const sessionId of ['cs_test_doesnotexist0000000000', "'; drop table orders; --", '']) {
      const response = await page.goto(
        `/checkout/success?session_id=${encodeURIComponent(sessionId)}`,
      );
      expect(response?.status()).toBe(404);
      await expect(
        page.getByRole('heading', { name: 'We couldn’t find that order' }),
      ).toBeVisible();
    }
  });
});

test.describe('what the client sends cannot set a price', () => {
  test('a cookie with fake prices and impossible quantities is reset with a notice, never charged', async ({
    page,
    context,
    baseURL,
  }) => {
    const url = new URL(baseURL!);
    await context.addCookies([
      {
        name: 'cart',
        value: JSON.stringify({
          v: 1,
          lines: [['00000000-0000-4000-8000-000000000001', -3, 1]],
          price: 1,
        }),
        domain: url.hostname,
        path: '/',
      },
    ]);
    await page.goto('/cart');
    await expect(page.getByText('We couldn’t read your saved cart')).toBeVisible();
    await expect(page.getByText('Your cart is empty.')).toBeVisible();
  });

  test('crafted add-to-cart submissions are refused with a clear message', async ({ page }) => {
    await page.goto('/products/beeswax-candles');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add to cart' }) });
    const cases: Array<[string, string, RegExp]> = [
      ['productId', '00000000-0000-4000-8000-000000000000', /not for sale/],
      ['productId', 'not-a-product', /Unknown product/],
      ['quantity', '-5', /at least 1/],
      ['quantity', '1.5', /whole number/],
      ['quantity', '1000000', /at most 99/],
    ];
    for (const [field, value, message] of cases) {
      await page.reload();
      await form.evaluate(
        (element, [name, forged]) => {
          const input = (element as HTMLFormElement).elements.namedItem(name!) as HTMLInputElement;
          input.type = 'text';
          input.removeAttribute('min');
          input.removeAttribute('max');
          input.value = forged!;
        },
        [field, value],
      );
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await expect(page.getByRole('status')).toHaveText(message);
    }
    await expect(page.getByTestId('cart-count')).toHaveText('0');
  });
});
