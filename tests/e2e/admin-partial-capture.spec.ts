import { randomBytes } from 'node:crypto';
import { orders } from '@/db/schema';
import { signInAsAdmin } from './admin-sign-in';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';

// After a partial capture the order was paid less than its total: the admin's refund form and the
// order's Net line offer what was captured less what was refunded, the amount the server accepts
// (refundableAmountOf), not the order total.

test('after a partial capture, the admin is offered what was captured, not the order total', async ({
  page,
}) => {
  const { db, sql } = e2eDatabase();
  let number: number;
  try {
    const [order] = await db
      .insert(orders)
      .values({
        status: 'partially_refunded',
        email: `captured-${randomBytes(4).toString('hex')}@example.com`,
        currency: 'usd',
        captureMethod: 'manual',
        amountSubtotal: 5000,
        amountTotal: 5000,
        amountCaptured: 3000,
        amountRefunded: 1000,
        stripePaymentIntentId: `pi_partial_${randomBytes(6).toString('hex')}`,
        paidAt: new Date(),
      })
      .returning({ number: orders.number });
    number = order!.number;
  } finally {
    await sql.end();
  }

  await signInAsAdmin(page);
  await page.goto(`/admin/orders/${number}`);
  await expect(page.getByText('$20.00 of $50.00 can be refunded.')).toBeVisible();
  const totals = page.locator('dl').filter({ hasText: 'Net' });
  await expect(totals.locator('dt:text-is("Net") + dd')).toHaveText('$20.00');
  await expect(page.getByPlaceholder('20.00 (all)')).toBeVisible();
});
