import { randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import { eq, sql as drizzleSql } from 'drizzle-orm';
import { products } from '@/db/schema';
import { CART_COOKIE, serializeCart } from '@/lib/cart/lines';
import { freePort } from '@/scripts/processes';
import { startStoreServer, type StoreServer } from '@/tests/support/store-server';
import { signInAsAdmin } from './admin-sign-in';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';
import { createTestProduct, retireTestProducts, stockOf } from './test-products';

// The admin against the production build, fed what its forms and URLs do not expect: numbers
// beyond the database's columns, forged list cursors, a stale product form, and a CSV download
// that stops being read. Each answers with a message or is ignored: never a 500, never lost stock.

const cursor = (text: string) => Buffer.from(text).toString('base64url');
const SOME_UUID = '0b8a2f7e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

const created: string[] = [];
async function productWithStock(stock: number): Promise<{ id: string; name: string }> {
  const product = await createTestProduct('Edited Jug', stock);
  created.push(product.id);
  return product;
}
test.afterAll(async ({ browser, baseURL }) => {
  await retireTestProducts(browser, baseURL!, created);
});

test.describe('admin input beyond what the database holds', () => {
  test('list filters, cursors and order numbers past the columns answer a page, never a 500', async ({
    page,
  }) => {
    await signInAsAdmin(page);
    const pages: Array<[string, number]> = [
      ['/admin/orders?min=999999999.99&max=99999999999', 200],
      ['/admin/orders?from=0000-01-01&to=9999-12-31', 200],
      [`/admin/orders?after=${cursor(`2025-02-30 00:00:00+00|${SOME_UUID}`)}`, 200],
      [`/admin/orders?before=${cursor(`2025-99-99 99:99:99+00|${'-'.repeat(36)}`)}`, 200],
      [`/admin/orders?after=${cursor(`0000-01-01 00:00:00+00|${SOME_UUID}`)}&sort=oldest`, 200],
      [`/admin/orders?after=!!!&before=${'x'.repeat(3000)}`, 200],
      ['/admin/orders/99999999999', 404],
      ['/admin/orders/2147483648', 404],
      ['/admin/events?before=-271821-04-20', 200],
      ['/admin/events?before=%2B275760-09-13', 200],
      ['/api/admin/orders/export?min=999999999.99&from=0000-01-01&to=9999-12-31', 200],
    ];
    for (const [path, status] of pages) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(status);
    }
    // The filters the database could not use are dropped from the form, not applied half-way.
    await page.goto('/admin/orders?min=999999999.99&q=nobody-at-all@example.com');
    await expect(page.getByText('No orders match these filters.')).toBeVisible();
    await expect(page.getByLabel('Min total')).toHaveValue('');
  });

  test('a price past the column is a field error on the product form, keeping what was typed', async ({
    page,
  }) => {
    const product = await productWithStock(5);
    await signInAsAdmin(page);
    await page.goto(`/admin/products/${product.id}`);
    await page.getByLabel('Name').fill(`${product.name}, gilded`);
    await page.getByLabel('Price').fill('999999999.99');
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(
      page.getByText('Enter an amount such as 28.50, at most $21,474,836.47.'),
    ).toBeVisible();
    await expect(page.getByLabel('Price')).toHaveValue('999999999.99');
    await expect(page.getByLabel('Name')).toHaveValue(`${product.name}, gilded`);
  });
});

test.describe('stock edits in /admin', () => {
  test('a sale made while the form is open is kept; a stock edit made after it is refused with both numbers, then saved on purpose', async ({
    page,
    browser,
    baseURL,
  }) => {
    const product = await productWithStock(20);
    await signInAsAdmin(page);
    await page.goto(`/admin/products/${product.id}`);
    await expect(page.getByLabel('Stock')).toHaveValue('20');

    // A shopper checks out 3 while the admin has the form open.
    const shopper = await browser.newContext({
      baseURL,
      extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.81' },
    });
    try {
      await shopper.addCookies([
        {
          name: CART_COOKIE,
          value: encodeURIComponent(
            serializeCart({ lines: [{ productId: product.id, quantity: 3 }] }),
          ),
          url: baseURL!,
        },
      ]);
      const buyer = await shopper.newPage();
      await buyer.goto('/cart');
      await buyer.getByRole('button', { name: 'Checkout' }).click();
      await expect(buyer.getByRole('heading', { name: 'Pay with card' })).toBeVisible();
    } finally {
      await shopper.close();
    }
    expect(await stockOf(product.id)).toBe(17);

    // Renaming with the stock field as it was loaded keeps the sale.
    await page.getByLabel('Name').fill(`${product.name}, glazed`);
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(page.getByRole('status')).toHaveText(`Saved ${product.name}, glazed.`);
    expect(await stockOf(product.id)).toBe(17);

    // Typing a stock number based on the 20 the form showed is refused: 3 were sold since.
    await page.goto(`/admin/products/${product.id}`);
    await expect(page.getByLabel('Stock')).toHaveValue('17');
    const { db, sql } = e2eDatabase();
    try {
      // Another sale lands (stock 17 → 15) while this form shows 17.
      await db
        .update(products)
        .set({ stock: drizzleSql`${products.stock} - 2` })
        .where(eq(products.id, product.id));
    } finally {
      await sql.end();
    }
    await page.getByLabel('Name').fill(`${product.name}, restocked`);
    await page.getByLabel('Stock').fill('40');
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(
      page.getByText('Stock changed from 17 to 15 while you were editing'),
    ).toBeVisible();
    await expect(page.getByLabel('Stock')).toHaveValue('40');
    await expect(page.getByLabel('Name')).toHaveValue(`${product.name}, restocked`);
    expect(await stockOf(product.id)).toBe(15);

    // Saving again, knowing it is 15, sets it.
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(page.getByRole('status')).toHaveText(`Saved ${product.name}, restocked.`);
    expect(await stockOf(product.id)).toBe(40);
  });
});

test.describe('a stalled CSV export', () => {
  // Stopped in afterEach, so a test that times out (a stalled pool) still leaves nothing running.
  let store: StoreServer | undefined;
  let download: IncomingMessage | undefined;
  const domain = `stalled-${randomBytes(4).toString('hex')}.example.com`;

  test.afterEach(async () => {
    download?.destroy();
    await store?.stop();
    const { db, sql } = e2eDatabase();
    try {
      await db.execute(drizzleSql`DELETE FROM orders WHERE email LIKE ${`%@${domain}`}`);
    } finally {
      await sql.end();
    }
  });

  test('with a pool of one connection, the store keeps answering once a download stops being read', async ({
    browser,
  }) => {
    // A store of its own on the same database: one pool connection, a 2-second stall limit.
    const port = await freePort();
    store = await startStoreServer(port, {
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
      DATABASE_POOL_MAX: '1',
      CSV_EXPORT_STALL_SECONDS: '2',
      APP_URL: `http://127.0.0.1:${port}`,
      STRIPE_API_BASE: process.env.E2E_EMULATOR_URL!,
      STRIPE_SECRET_KEY: 'sk_test_shopfronte2e',
      STRIPE_WEBHOOK_SECRET: 'whsec_unused',
      ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
      AUTH_SECRET: randomBytes(33).toString('base64'),
    });
    const { db, sql } = e2eDatabase();
    try {
      // Far more CSV than the sockets between the store and this client can buffer.
      await db.execute(drizzleSql`
        INSERT INTO orders (status, email, currency, amount_subtotal, amount_total, created_at)
        SELECT 'canceled', 'buyer' || n || '@' || ${domain}, 'usd', 100, 100, now() - n * interval '1 second'
          FROM generate_series(1, 150000) AS n`);
    } finally {
      await sql.end();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsAdmin(page, store.url);
    const cookie = (await context.cookies(store.url))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
    await context.close();

    const url = `${store.url}/api/admin/orders/export?q=${domain}`;
    download = await new Promise<IncomingMessage>((resolve, reject) =>
      get(url, { headers: { cookie } }, resolve).on('error', reject),
    );
    const response = download;
    expect(response.statusCode).toBe(200);
    response.on('error', () => {}); // the store ends a stalled download by resetting it
    const first = await new Promise<Buffer>((resolve) =>
      response.once('data', (chunk: Buffer) => {
        // The client stops reading: the export's cursor holds the pool's only connection.
        response.pause();
        resolve(chunk);
      }),
    );
    expect(first.toString()).toMatch(/^number,created_at,status/);

    const health = await fetch(`${store.url}/api/health`);
    expect(health.status).toBe(200);

    // The store ended that download: reading on finds it cut short, not 150,000 rows.
    let lines = first.toString().split('\r\n').length - 1;
    const ended = new Promise<void>((resolve) => response.once('close', () => resolve()));
    response.on('data', (chunk: Buffer) => (lines += chunk.toString().split('\r\n').length - 1));
    response.resume();
    await ended;
    expect(lines).toBeLessThan(1 + 150_000);
  });
});
