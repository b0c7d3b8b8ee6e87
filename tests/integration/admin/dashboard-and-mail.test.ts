import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { auditLog, emailOutbox, orderItems, orders } from '@/db/schema';
import { dailyRevenue, revenueTotals } from '@/lib/admin/dashboard';
import { resendConfirmation } from '@/lib/orders/resend-confirmation';
import { createProducts } from '@/tests/support/catalogue-fixtures';

// A currency no other test file uses, so the totals here are this file's alone.
const CURRENCY = 'nok';
const suffix = randomBytes(4).toString('hex');
const actor = { id: 'test', email: `dashboard-${suffix}@example.com`, ip: null };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

afterAll(async () => {
  await db().$client.end();
});

describe('dashboard', () => {
  it('sums revenue by payment date, less refunds, leaving out unpaid orders', async () => {
    const base = { currency: CURRENCY, amountSubtotal: 10_000, amountTotal: 10_000 };
    await db()
      .insert(orders)
      .values([
        { ...base, status: 'paid', paidAt: new Date() },
        { ...base, status: 'partially_refunded', amountRefunded: 2_500, paidAt: daysAgo(3) },
        { ...base, status: 'refunded', amountRefunded: 10_000, paidAt: daysAgo(3) },
        { ...base, status: 'paid', paidAt: daysAgo(20) },
        { ...base, status: 'paid', paidAt: daysAgo(45) },
        { ...base, status: 'pending' },
        { ...base, status: 'expired' },
      ]);
    const [totals] = (await revenueTotals()).filter((row) => row.currency === CURRENCY);
    // No balance transactions are mirrored for these orders: no fees or disputes to take off.
    const period = (gross: number, refunded: number) => ({
      gross,
      refunded,
      disputed: 0,
      fees: 0,
      net: gross - refunded,
    });
    expect(totals).toEqual({
      currency: CURRENCY,
      today: period(10_000, 0),
      last7Days: period(30_000, 12_500),
      last30Days: period(40_000, 12_500),
      ordersAwaitingFees: 0,
    });

    const days = await dailyRevenue(CURRENCY);
    expect(days).toHaveLength(30);
    expect(days.at(-1)?.amount).toBe(10_000);
    expect(days.reduce((sum, day) => sum + day.amount, 0)).toBe(27_500);
  });
});

describe('resending the confirmation', () => {
  it('queues it again for a paid order and records who asked; refuses an unpaid one', async () => {
    const [product] = await createProducts([{ name: 'Mug', unitAmount: 1000, stock: null }]);
    const [paid, pending] = await db()
      .insert(orders)
      .values([
        {
          currency: 'usd',
          amountSubtotal: 1000,
          amountTotal: 1000,
          status: 'paid',
          email: `buyer-${suffix}@example.com`,
          paidAt: new Date(),
        },
        {
          currency: 'usd',
          amountSubtotal: 1000,
          amountTotal: 1000,
          status: 'pending',
          email: `buyer-${suffix}@example.com`,
        },
      ])
      .returning();
    await db().insert(orderItems).values({
      orderId: paid!.id,
      productId: product!.id,
      name: 'Mug',
      unitAmount: 1000,
      quantity: 1,
    });

    const first = await resendConfirmation(paid!.id, actor);
    expect(first.ok).toBe(true);
    await db()
      .update(emailOutbox)
      .set({ status: 'sent', attempts: 1 })
      .where(eq(emailOutbox.orderId, paid!.id));
    expect((await resendConfirmation(paid!.id, actor)).ok).toBe(true);

    const outbox = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, paid!.id));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      status: 'queued',
      attempts: 0,
      recipient: `buyer-${suffix}@example.com`,
    });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, paid!.id), eq(auditLog.actor, actor.email)));
    expect(audit.map((row) => row.action)).toEqual([
      'order.resend_confirmation',
      'order.resend_confirmation',
    ]);

    expect(await resendConfirmation(pending!.id, actor)).toEqual({
      ok: false,
      message: 'Only paid orders have a confirmation to send.',
    });
  });
});
