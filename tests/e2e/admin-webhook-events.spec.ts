import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { orders, stripeEvents } from '@/db/schema';
import { signInAsAdmin } from './admin-sign-in';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';

// The admin event log is the webhook inbox's window: a failed event shows its error and how often
// it was tried, and an operator applies it again from there once the cause is fixed.

test('an event that failed for good shows its error, and "Apply again" applies it to its order', async ({
  page,
}) => {
  const suffix = randomBytes(6).toString('hex');
  const { db, sql } = e2eDatabase();
  const eventId = `evt_e2e_failed_${suffix}`;
  let order: { id: string; number: number };
  try {
    [order] = (await db
      .insert(orders)
      .values({
        currency: 'usd',
        amountSubtotal: 4200,
        amountTotal: 4200,
        stripeCheckoutSessionId: `cs_test_e2e_${suffix}`,
      })
      .returning({ id: orders.id, number: orders.number })) as [{ id: string; number: number }];
    // A checkout.session.completed the inbox gave up on after its eighth attempt.
    await db.insert(stripeEvents).values({
      id: eventId,
      type: 'checkout.session.completed',
      created: new Date(),
      state: 'failed',
      attempts: 8,
      nextAttemptAt: null,
      lastError: 'simulated: the database restarted mid-transaction',
      payload: {
        id: eventId,
        object: 'event',
        type: 'checkout.session.completed',
        created: Math.floor(Date.now() / 1000),
        data: {
          object: {
            id: `cs_test_e2e_${suffix}`,
            object: 'checkout.session',
            mode: 'payment',
            status: 'complete',
            payment_status: 'paid',
            amount_total: 4200,
            currency: 'usd',
            client_reference_id: order.id,
            metadata: { order_id: order.id },
            payment_intent: `pi_e2e_${suffix}`,
            customer_details: { email: `failed-${suffix}@example.com`, name: 'Grace Hopper' },
          },
        },
      },
    });
  } finally {
    await sql.end();
  }

  await signInAsAdmin(page);
  await page.goto('/admin/events?state=failed');
  const row = page.getByRole('row').filter({ hasText: eventId });
  await expect(row.getByText('Failed', { exact: true })).toBeVisible();
  await expect(row.getByText('simulated: the database restarted mid-transaction')).toBeVisible();
  await expect(row.getByText('8 attempts, no more automatic retries')).toBeVisible();

  await row.getByRole('button', { name: 'Apply again' }).click();
  await row.getByRole('button', { name: 'Apply it now' }).click();

  // The page (all states now) says what became of it, and its row is applied.
  await expect(page.getByRole('status')).toContainText(
    `Applied checkout.session.completed (${eventId}) again: applied, processed: order ${order.number} pending → paid`,
  );
  await expect(
    page.getByRole('row').filter({ hasText: eventId }).getByText('Applied', { exact: true }),
  ).toBeVisible();
  const check = e2eDatabase();
  try {
    const [paid] = await check.db
      .select({ status: orders.status, email: orders.email })
      .from(orders)
      .where(eq(orders.id, order.id));
    expect(paid).toEqual({ status: 'paid', email: `failed-${suffix}@example.com` });
    const [event] = await check.db
      .select({ state: stripeEvents.state })
      .from(stripeEvents)
      .where(eq(stripeEvents.id, eventId));
    expect(event?.state).toBe('applied');
  } finally {
    await check.sql.end();
  }
  await page.goto('/admin/events?state=applied');
  await expect(page.getByRole('row').filter({ hasText: eventId })).toContainText(
    `order ${order.number} pending → paid`,
  );
});
