import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { outboxOf, pendingOrder } from '@/tests/integration/webhooks/order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from '@/tests/integration/webhooks/stripe-fixtures';
import { readableBody, startFakeSmtpServer, type FakeSmtpServer } from './fake-smtp-server';

process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;
process.env.EMAIL_FROM = 'Shopfront <orders@shop.test>';
process.env.APP_URL = 'https://shop.test';

let smtp: FakeSmtpServer;

beforeAll(async () => {
  smtp = await startFakeSmtpServer();
  // Set before the first env() read, which happens in the first test.
  process.env.SMTP_URL = smtp.url;
});

afterAll(async () => {
  await smtp.close();
  await db().$client.end();
});

describe('with SMTP_URL set, the webhook sends the confirmation after commit', () => {
  it('sends exactly one email for a paid order delivered 20 times concurrently, and marks it sent', async () => {
    const { order } = await pendingOrder({ quantity: 2 });
    const session = checkoutSession(order.id);
    const event = checkoutEvent('checkout.session.completed', completedSession(session));

    await Promise.all(Array.from({ length: 20 }, () => POST(signedDelivery(event))));

    const toAda = smtp.received.filter((mail) => mail.to.includes('<ada@example.com>'));
    const forOrder = toAda
      .map((mail) => ({ ...mail, body: readableBody(mail.data) }))
      .filter((mail) => mail.body.includes(`order ${order.number}`));
    expect(forOrder).toHaveLength(1);
    expect(forOrder[0]?.from).toBe('<orders@shop.test>');
    expect(forOrder[0]?.body).toContain('2 × Test mug');
    expect(forOrder[0]?.body).toContain('Total: $50.00');
    // The signed link to the order's page (lib/orders/guest-link.ts).
    expect(forOrder[0]?.body).toContain(`https://shop.test/account/orders/${order.id}?key=`);
    expect(await outboxOf(order.id)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });
});
