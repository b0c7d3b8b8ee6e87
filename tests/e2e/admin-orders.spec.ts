import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { connect } from '@/db/client';
import { orders } from '@/db/schema';
import { e2eAdmin, signInAsAdmin } from './admin-sign-in';
import { expect, test } from './fixtures';
import { fillShippingAddressIfAsked } from './purchase';

// An admin's day against the production build: a customer buys, the admin finds the order, filters,
// exports, edits a product the store then shows, and signs out.

/** A customer buys two field notebooks with a unique email; returns that email and the order number. */
async function buyAsCustomer(page: Page): Promise<{ email: string; number: number }> {
  const email = `notebooks-${randomBytes(4).toString('hex')}@example.com`;
  await page.goto('/products/field-notebook');
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('to your cart');
  await page.goto('/cart');
  await page.getByRole('button', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { name: 'Pay with card' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiration').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Cardholder name').fill('Tea Drinker');
  await fillShippingAddressIfAsked(page);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');

  const sessionId = new URL(page.url()).searchParams.get('session_id')!;
  const { db, sql } = connect(process.env.E2E_DATABASE_URL!, { max: 1 });
  try {
    const [order] = await db
      .select({ number: orders.number })
      .from(orders)
      .where(eq(orders.stripeCheckoutSessionId, sessionId));
    return { email, number: order!.number };
  } finally {
    await sql.end();
  }
}

/** An order of this test's own, written straight to the database (no checkout needed). */
async function insertOrder(): Promise<number> {
  const { db, sql } = connect(process.env.E2E_DATABASE_URL!, { max: 1 });
  try {
    const [order] = await db
      .insert(orders)
      .values({
        status: 'paid',
        email: `narrow-${randomBytes(4).toString('hex')}@example.com`,
        customerName: 'Narrow Screen',
        currency: 'usd',
        amountSubtotal: 4200,
        amountTotal: 4200,
        paidAt: new Date(),
      })
      .returning({ number: orders.number });
    return order!.number;
  } finally {
    await sql.end();
  }
}

test.describe('admin', () => {
  // Whole admin journeys with axe on every page, on two shared cores.
  test.describe.configure({ timeout: 60_000 });
  test('signed out, /admin sends you to sign-in; a wrong password is refused', async ({
    page,
    expectAccessible,
  }) => {
    await page.goto('/admin/orders');
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Forders/);
    await page.getByLabel('Email').fill(e2eAdmin().email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'That email and password do not match an admin.',
    );
    await expectAccessible(page);
    const response = await page.request.get('/api/admin/orders/export', { maxRedirects: 0 });
    expect(response.status()).toBe(307);
  });

  test('finds a new order, filters by status and email, exports exactly those rows, refunds part then the rest', async ({
    page,
    expectAccessible,
  }) => {
    const { email, number } = await buyAsCustomer(page);
    await signInAsAdmin(page);
    await expect(page.getByRole('link', { name: `#${number}` })).toBeVisible();
    await expectAccessible(page);

    await page
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: 'Orders' })
      .click();
    await page.getByRole('checkbox', { name: 'Paid' }).check();
    await page.getByLabel('Search').fill(email);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/status=paid/);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(email)}`));
    const rows = page.getByRole('table', { name: 'Orders, newest first' }).getByRole('row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(`#${number}`);
    await expect(rows.nth(1)).toContainText('Paid');
    await expect(rows.nth(1)).toContainText('$');
    await expectAccessible(page);

    // The filtered view as CSV: the header and exactly this order.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^number,created_at,status,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${number},[^,]+,paid,,${email},Tea Drinker,2,usd,`));
    // The total column is a plain decimal a spreadsheet can sum.
    expect(lines[1]!.split(',')[9]).toMatch(/^\d+\.\d\d$/);

    // A status filter that excludes it: no rows.
    await page.goto(`/admin/orders?status=failed&q=${encodeURIComponent(email)}`);
    await expect(page.getByText('No orders match these filters.')).toBeVisible();

    // A customer name carrying markup is shown as text, in the list and on the order.
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
    const { db, sql } = connect(process.env.E2E_DATABASE_URL!, { max: 1 });
    await db.update(orders).set({ customerName: hostile }).where(eq(orders.number, number));
    await sql.end();
    await page.goto(`/admin/orders?q=${encodeURIComponent(email)}`);
    await expect(page.getByText(hostile)).toBeVisible();

    await page.goto(`/admin/orders/${number}`);
    await expect(page.getByRole('heading', { name: `Order #${number}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Customer' })).toContainText(hostile);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await expect(page.getByRole('region', { name: 'Customer' })).toContainText(email);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Paid');
    await expect(page.getByRole('region', { name: 'Stripe', exact: true })).toContainText('pi_');
    await expectAccessible(page);

    // Refund part, confirmed before it runs, then the rest.
    const payment = page.getByRole('region', { name: 'Payment' });
    await payment.getByLabel('Refund amount').fill('5.00');
    await payment.getByLabel('Reason').selectOption('requested_by_customer');
    await payment.getByRole('button', { name: 'Refund…' }).click();
    await expect(payment.getByText(/^Refund \$5\.00 of \$[\d.]+\?$/)).toBeVisible();
    await expectAccessible(page);
    await payment.getByRole('button', { name: 'Confirm refund' }).click();
    await expect(payment.getByRole('status')).toHaveText(`Refunded $5.00 of order ${number}.`);
    await expect(page.getByRole('main').getByText('Partially refunded').first()).toBeVisible();

    await payment.getByRole('button', { name: 'Refund…' }).click();
    await expect(payment.getByText(/^Refund the full remaining \$[\d.]+\?$/)).toBeVisible();
    await payment.getByRole('button', { name: 'Confirm refund' }).click();
    await expect(payment).toContainText('Fully refunded');
    const refunds = page.getByRole('table', { name: 'Refunds of this order' }).getByRole('row');
    await expect(refunds).toHaveCount(3);
    await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('Refunded');
    await page.goto(`/admin/orders?status=refunded&q=${encodeURIComponent(email)}`);
    await expect(page.getByRole('link', { name: `#${number}` })).toBeVisible();

    // The confirmation the payment queued, previewed from the outbox.
    await page.goto(`/admin/orders/${number}`);
    await page
      .getByRole('region', { name: 'Mail' })
      .getByRole('link', { name: 'order confirmation' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(String(number));
    await expect(page.getByRole('region', { name: 'Preview' })).toContainText('Field Notebook');
    await expectAccessible(page);
  });

  test('edits a product and the store shows the change; script in its name stays text', async ({
    page,
    expectAccessible,
  }) => {
    await signInAsAdmin(page);
    await page.goto('/admin/products');
    await page.getByRole('link', { name: 'Lambswool Throw' }).click();
    await expect(page.getByLabel('Price')).toBeVisible();
    await expectAccessible(page);
    const original = {
      name: await page.getByLabel('Name').inputValue(),
      price: await page.getByLabel('Price').inputValue(),
    };

    // A bad price is reported on its field, and what was typed stays.
    await page.getByLabel('Price').fill('12.345');
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(
      page.getByText('Enter an amount such as 28.50, at most $21,474,836.47.'),
    ).toBeVisible();
    await expect(page.getByLabel('Price')).toHaveValue('12.345');

    const name =
      'Lambswool Throw <script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Price').fill('31.50');
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(page.getByRole('status')).toHaveText(`Saved ${name}.`);

    const slug = await page.getByLabel('Slug').inputValue();
    await page.goto(`/products/${slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByText('$31.50').first()).toBeVisible();
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();

    // Put it back as it was, for the other specs sharing this store.
    await page.goBack();
    await page.getByLabel('Name').fill(original.name);
    await page.getByLabel('Price').fill(original.price);
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(page.getByRole('status')).toHaveText(`Saved ${original.name}.`);
  });

  test('every admin page works at 360 px wide, without sideways scrolling, and passes axe', async ({
    page,
    expectAccessible,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signInAsAdmin(page);
    const order = await insertOrder();
    const paths = ['/admin', '/admin/orders', `/admin/orders/${order}`, '/admin/products'];
    const more = ['/admin/products/new', '/admin/events', '/admin/mail', '/admin/audit'];
    for (const path of [...paths, ...more]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    }
  });

  test('sign out, and /admin sends you to sign-in again', async ({ page }) => {
    await signInAsAdmin(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/admin\/sign-in/);
  });

  test('an admin page never answers with the session cookie, so a request in flight at sign-out cannot restore it', async ({
    page,
  }) => {
    await signInAsAdmin(page);
    for (const path of ['/admin', '/admin/orders', '/admin/sign-in']) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(400);
      const setCookies = response
        .headersArray()
        .filter((h) => h.name.toLowerCase() === 'set-cookie');
      expect(
        setCookies.filter((h) => h.value.includes('session-token')),
        path,
      ).toEqual([]);
    }
  });
});
