import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { emailOutbox, orderEvents, orders, stripeEvents } from '@/db/schema';
import { listAudit } from '@/lib/admin/audit';
import { recordAudit } from '@/lib/platform/audit-log';
import { findOutboxMessage, listOutbox } from '@/lib/admin/outbox';
import { listStripeEvents, stripeEventTypes } from '@/lib/admin/stripe-events';
import { createProducts } from '@/tests/support/catalogue-fixtures';

const suffix = randomBytes(4).toString('hex');

afterAll(async () => {
  await db().$client.end();
});

async function newOrder() {
  const [order] = await db()
    .insert(orders)
    .values({
      currency: 'usd',
      amountSubtotal: 500,
      amountTotal: 500,
      status: 'paid',
      email: `logs-${suffix}@example.com`,
    })
    .returning();
  return order!;
}

describe('webhook event log', () => {
  it('lists events of a type with the order each one changed', async () => {
    const order = await newOrder();
    const type = `test.${suffix}.completed`;
    await db()
      .insert(stripeEvents)
      .values([
        {
          id: `evt_linked_${suffix}`,
          type,
          created: new Date(),
          state: 'applied',
          nextAttemptAt: null,
          processedAt: new Date(),
          result: 'order paid',
        },
        {
          id: `evt_ignored_${suffix}`,
          type,
          created: new Date(),
          state: 'applied',
          nextAttemptAt: null,
          processedAt: new Date(),
          result: 'ignored',
        },
        // Applied too: a `received` row with no payload would be taken by other files' drains.
        {
          id: `evt_other_${suffix}`,
          type: `test.${suffix}.other`,
          created: new Date(),
          state: 'applied',
          nextAttemptAt: null,
        },
      ]);
    await db()
      .insert(orderEvents)
      .values({
        orderId: order.id,
        kind: 'payment_succeeded',
        actor: 'stripe',
        stripeEventId: `evt_linked_${suffix}`,
      });

    const events = await listStripeEvents({ type });
    expect(events.map((event) => [event.id, event.orderNumber, event.result]).sort()).toEqual([
      [`evt_ignored_${suffix}`, null, 'ignored'],
      [`evt_linked_${suffix}`, order.number, 'order paid'],
    ]);
    expect(await stripeEventTypes()).toEqual(
      expect.arrayContaining([type, `test.${suffix}.other`]),
    );
  });
});

describe('mail outbox', () => {
  it('lists messages with their order and shows one in full', async () => {
    const order = await newOrder();
    const [message] = await db()
      .insert(emailOutbox)
      .values({
        orderId: order.id,
        kind: `test_${suffix}`,
        recipient: order.email!,
        subject: `Order ${order.number}`,
        body: '<b>Hi</b>\nThanks.',
      })
      .returning();
    expect((await listOutbox()).find((row) => row.id === message!.id)).toMatchObject({
      orderNumber: order.number,
      status: 'queued',
    });
    expect(await findOutboxMessage(message!.id)).toMatchObject({
      body: '<b>Hi</b>\nThanks.',
      orderNumber: order.number,
    });
    expect(await findOutboxMessage(0)).toBeNull();
  });
});

describe('audit log', () => {
  it('names the order or product each action was done to', async () => {
    const order = await newOrder();
    const [product] = await createProducts([
      { name: `Audited ${suffix}`, unitAmount: 100, stock: null },
    ]);
    const actor = { email: `auditor-${suffix}@example.com`, ip: 'not-an-ip' };
    await recordAudit(db(), actor, {
      action: 'order.refund',
      targetType: 'order',
      targetId: order.id,
    });
    await recordAudit(db(), actor, {
      action: 'product.update',
      targetType: 'product',
      targetId: product!.id,
    });
    const rows = (await listAudit()).filter((row) => row.actor === actor.email);
    expect(rows.map((row) => [row.action, row.targetLabel, row.ip])).toEqual([
      ['product.update', `Audited ${suffix}`, null],
      ['order.refund', `#${order.number}`, null],
    ]);
  });
});
