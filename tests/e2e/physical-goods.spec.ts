import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { orders } from '@/db/schema';
import { CART_COOKIE, serializeCart } from '@/lib/cart/lines';
import { signInAsAdmin } from './admin-sign-in';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';
import { CUSTOMER_ADDRESS, expectAccessibleAtBothWidths } from './purchase';
import { createTestProduct, retireTestProducts } from './test-products';

// Selling physical goods end to end, against the production build and the emulator: the owner
// makes a promotion code and turns on tax and invoices; a customer buys two of a product that
// ships, chooses where it goes in the cart, types the code and picks Express on Stripe's page,
// pays, and sees the address and the totals; the owner marks it shipped; the customer is emailed
// and sees the tracking on their order page, whose invoice link opens Stripe's invoice and PDF.

// Events reach the store through webhooks and its inbox: give them a moment.
const ARRIVED = { timeout: 30_000, intervals: [250, 500, 1_000] };

async function setCheckoutSettings(page: Page, settings: { tax: boolean; invoices: boolean }) {
  await page.goto('/admin/settings');
  const tax = page.getByLabel('Charge tax with Stripe Tax');
  const invoices = page.getByLabel('Create invoices for one-time purchases');
  await tax.setChecked(settings.tax);
  await invoices.setChecked(settings.invoices);
  await page.getByRole('button', { name: 'Save checkout settings' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /^(Saved: Stripe Tax is|Nothing changed)/ }),
  ).toBeVisible();
}

async function orderOfSession(sessionId: string) {
  const { db, sql } = e2eDatabase();
  try {
    const [order] = await db
      .select()
      .from(orders)
      .where(eq(orders.stripeCheckoutSessionId, sessionId));
    return order!;
  } finally {
    await sql.end();
  }
}

test.describe('physical goods', () => {
  test.describe.configure({ timeout: 180_000 });
  const created: string[] = [];
  test.afterAll(async ({ browser, baseURL }) => {
    // Other specs expect a store with tax and invoices off.
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await signInAsAdmin(page);
      await setCheckoutSettings(page, { tax: false, invoices: false });
    } finally {
      await context.close();
    }
    await retireTestProducts(browser, baseURL!, created);
  });

  test('a customer buys goods that ship with a promotion code; the owner ships them; the customer sees the tracking and the invoice', async ({
    page,
    browser,
    baseURL,
    expectAccessible,
  }) => {
    const product = await createTestProduct('Shipped Teapot', 10, { ships: true });
    created.push(product.id);
    const code = `E2E${randomBytes(3).toString('hex').toUpperCase()}`;

    // The owner: a 10% code, tax and invoices on.
    await signInAsAdmin(page);
    await page.goto('/admin/promotions');
    await page.getByRole('textbox', { name: 'Code' }).fill(code);
    await page.getByLabel('Percentage').check();
    await page.getByLabel('Percent off').fill('10');
    await page.getByRole('button', { name: 'Create code' }).click();
    await expect(page.getByText(`Created ${code}: customers can use it now.`)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Promotion codes' })).toContainText(code);
    await setCheckoutSettings(page, { tax: true, invoices: true });

    // The customer, at an address of their own.
    const customer = await browser.newContext({
      baseURL,
      extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.181' },
    });
    try {
      const shopper = await customer.newPage();
      const email = `parcel-${randomBytes(4).toString('hex')}@example.com`;
      await customer.addCookies([
        {
          name: CART_COOKIE,
          value: encodeURIComponent(
            serializeCart({ lines: [{ productId: product.id, quantity: 2 }] }),
          ),
          url: baseURL!,
        },
      ]);
      await shopper.goto('/cart');
      await shopper.getByLabel('Ship to').selectOption('US');
      await shopper.getByRole('button', { name: 'Checkout' }).click();
      await expect(shopper.getByRole('heading', { name: 'Pay with card' })).toBeVisible();

      const address = shopper.getByRole('group', { name: 'Shipping address' });
      await address.getByLabel('Full name').fill(CUSTOMER_ADDRESS.name);
      await address.getByLabel('Address line 1').fill(CUSTOMER_ADDRESS.line1);
      await address.getByLabel('City').fill(CUSTOMER_ADDRESS.city);
      await address.getByLabel('Postal code').fill(CUSTOMER_ADDRESS.postalCode);
      await address.getByLabel('State, province or region').fill(CUSTOMER_ADDRESS.state);
      await address.getByLabel('Country').selectOption('US');
      await shopper
        .getByRole('group', { name: 'Shipping method' })
        .getByRole('radio', { name: /Express: \$15\.00/ })
        .check();
      await shopper.getByLabel('Promotion code').fill(code.toLowerCase());
      await shopper.getByRole('button', { name: 'Apply' }).click();
      await expect(shopper.getByText(`Discount (${code})`)).toBeVisible();
      await shopper.getByLabel('Email').fill(email);
      await shopper.getByLabel('Card number').fill('4242 4242 4242 4242');
      await shopper.getByLabel('Expiration').fill('12 / 34');
      await shopper.getByLabel('CVC').fill('123');
      await shopper.getByLabel('Cardholder name').fill(CUSTOMER_ADDRESS.name);
      await shopper.getByRole('button', { name: 'Pay', exact: true }).click();
      await expect(shopper.getByTestId('order-status')).toHaveText('Paid');

      // The success page: where it goes and what it cost, as Stripe totalled it.
      const sessionId = new URL(shopper.url()).searchParams.get('session_id')!;
      const order = await orderOfSession(sessionId);
      expect(order.amountSubtotal).toBe(4800);
      expect(order.amountDiscount).toBe(480);
      expect(order.amountShipping).toBe(1500);
      expect(order.amountTax).toBeGreaterThan(0);
      expect(order.amountTotal).toBe(
        order.amountSubtotal - order.amountDiscount + order.amountShipping + order.amountTax,
      );
      expect(order.promotionCode).toBe(code);
      expect(order.shippingRateName).toBe('Express');
      await expect(shopper.getByText(CUSTOMER_ADDRESS.line1)).toBeVisible();
      await expect(shopper.getByText(`Discount (${code})`)).toBeVisible();
      await expect(shopper.getByText('$48.00').first()).toBeVisible();
      await expect(shopper.getByText('−$4.80').first()).toBeVisible();
      await expect(shopper.getByText('$15.00').first()).toBeVisible();
      await expectAccessibleAtBothWidths(shopper, expectAccessible);
      await shopper.getByRole('link', { name: 'View this order any time' }).click();
      await expect(
        shopper.getByRole('heading', { level: 1, name: `Order ${order.number}` }),
      ).toBeVisible();
      await expect(shopper.getByTestId('fulfilment-status')).toHaveText('Not shipped');
      const orderPage = shopper.url();

      // The owner finds it on the packing list and ships it.
      await page.goto('/admin/orders?view=packing');
      await page.getByRole('link', { name: `#${order.number}`, exact: true }).click();
      const fulfilment = page.getByRole('region', { name: 'Fulfilment' });
      await expect(fulfilment.getByText('Not shipped')).toBeVisible();
      await expect(fulfilment).toContainText(CUSTOMER_ADDRESS.line1);
      await fulfilment.getByLabel('Carrier').selectOption('UPS');
      await fulfilment.getByLabel('Tracking number').fill('1Z999AA10123456784');
      await fulfilment.getByRole('button', { name: 'Mark shipped' }).click();
      await expect(page.getByText(`Order ${order.number} marked shipped`)).toBeVisible();
      await expect(fulfilment.getByText('Shipped', { exact: true }).first()).toBeVisible();
      await expect(fulfilment).toContainText('1Z999AA10123456784');
      await expectAccessibleAtBothWidths(page, expectAccessible);

      // The customer was emailed, once.
      await page.goto('/admin/mail');
      const shippedMail = page
        .getByRole('row')
        .filter({ hasText: `order ${order.number} has shipped` });
      await expect(shippedMail).toHaveCount(1);
      await expect(shippedMail).toContainText(email);

      // Their order page shows the tracking and the invoice.
      await shopper.goto(orderPage);
      await expect(shopper.getByTestId('fulfilment-status')).toHaveText('Shipped');
      await expect(shopper.getByRole('link', { name: '1Z999AA10123456784' })).toHaveAttribute(
        'href',
        /^https:\/\/www\.ups\.com\//,
      );
      await expectAccessibleAtBothWidths(shopper, expectAccessible);
      const invoiceLink = shopper.getByRole('link', { name: 'View invoice' });
      await expect(async () => {
        await shopper.reload();
        await expect(invoiceLink).toBeVisible();
      }).toPass(ARRIVED);
      const pdfHref = await shopper
        .getByRole('link', { name: 'Download PDF' })
        .getAttribute('href');
      await invoiceLink.click();
      await expect(shopper.getByText(/^Paid on \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
      await expect(shopper.getByText(product.name).first()).toBeVisible();
      const pdf = await customer.request.get(pdfHref!);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await customer.close();
    }
  });
});
