import { expect, test } from './fixtures';

test.describe('storefront', () => {
  test('the home page lists the seeded products with their prices', async ({
    page,
    expectAccessible,
  }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Shopfront');
    const products = page.getByRole('list', { name: 'Products' }).getByRole('listitem');
    await expect(products).toHaveCount(14);
    await expect(page.getByRole('link', { name: /Stoneware Mug/ })).toContainText('$28.00');
    await expect(page.getByRole('link', { name: /Solid Brass Bottle Opener/ })).toContainText(
      'Sold out',
    );
    // The retired product is not for sale, so it is not listed.
    await expect(page.getByText('Tin-Plated Tea Caddy')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('a product page shows its price, its stock and its picture', async ({
    page,
    expectAccessible,
  }) => {
    await page.goto('/');
    await page.getByRole('link', { name: /Linen Apron/ }).click();
    await expect(page).toHaveURL(/\/products\/linen-apron$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Linen Apron' })).toBeVisible();
    await expect(page.getByText('$48.00')).toBeVisible();
    await expect(page.getByText('Only 3 left')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Linen Apron' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add to cart' })).toBeEnabled();
    await expectAccessible(page);
  });

  test('a sold-out product says so and offers no way to add it', async ({ page }) => {
    await page.goto('/products/brass-bottle-opener');
    await expect(page.getByText('This product is sold out.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add to cart' })).toHaveCount(0);
  });

  test('an unknown product answers 404 with a way back', async ({ page, expectAccessible }) => {
    const response = await page.goto('/products/no-such-thing');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'We couldn’t find that page' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the store' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expectAccessible(page);
  });

  test('an inactive product answers 404', async ({ page }) => {
    const response = await page.goto('/products/tea-tin');
    expect(response?.status()).toBe(404);
  });

  test('the health check reports the database', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  test('without BENCH_ROUTES the load-test page and routes answer 404', async ({ request }) => {
    expect((await request.get('/bench/static-page')).status()).toBe(404);
    expect((await request.post('/api/bench/noop', { data: '{}' })).status()).toBe(404);
  });

  test('the page works at 360 px wide without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
