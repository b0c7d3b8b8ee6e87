import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/stripe/route';
import { db } from '@/db/client';
import { emailOutbox } from '@/db/schema';
import {
  deliverPendingEmails,
  deliverQueuedEmail,
  MAX_ATTEMPTS,
  outboxMessageId,
} from '@/lib/email/delivery';
import { buildOrderConfirmation, queueOrderConfirmation } from '@/lib/orders/confirmation-email';
import type { MailTransport } from '@/lib/email/transport';
import { freePort } from '@/scripts/processes';
import { orderNow, outboxOf, pendingOrder } from '@/tests/integration/webhooks/order-fixtures';
import {
  checkoutEvent,
  checkoutSession,
  completedSession,
  signedDelivery,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from '@/tests/integration/webhooks/stripe-fixtures';

// No SMTP_URL in this file: mail is not configured, as on a laptop with nothing set.
delete process.env.SMTP_URL;
process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
process.env.STRIPE_SECRET_KEY = TEST_SECRET_KEY;

afterAll(async () => {
  await db().$client.end();
});

/** A transport that accepts everything and remembers what it was given. */
function recordingTransport(): MailTransport & { sent: Mail.Options[] } {
  const json = nodemailer.createTransport({ jsonTransport: true });
  const sent: Mail.Options[] = [];
  return {
    sent,
    sendMail: (message) => {
      sent.push(message);
      return json.sendMail(message);
    },
  };
}

/** A paid order with its confirmation queued (by the webhook, as in production). */
async function paidOrderWithQueuedEmail() {
  const { order } = await pendingOrder();
  const event = checkoutEvent(
    'checkout.session.completed',
    completedSession(checkoutSession(order.id)),
  );
  expect((await POST(signedDelivery(event))).status).toBe(200);
  const [email] = await outboxOf(order.id);
  return { order: await orderNow(order.id), email: email! };
}

describe('the order confirmation', () => {
  it('names the order, each line, the total and links back to the store', () => {
    const content = buildOrderConfirmation(
      {
        id: '00000000-0000-4000-8000-000000000000',
        number: 1042,
        email: 'ada@example.com',
        customerName: 'Ada',
        currency: 'sek',
        amountTotal: 56000,
        stripeCheckoutSessionId: 'cs_test_abc',
      },
      [
        { name: 'Stoneware mug', quantity: 2, unitAmount: 18000 },
        { name: 'Linen apron', quantity: 1, unitAmount: 20000 },
      ],
      { name: 'Shopfront' },
      'https://shop.example.com/account/orders/9d0f?key=signed',
    );
    expect(content.subject).toBe('Shopfront: order 1042 confirmed');
    expect(content.body).toContain('Hello Ada,');
    expect(content.body).toMatch(/2 × Stoneware mug\s+360,00\skr/);
    expect(content.body).toMatch(/1 × Linen apron\s+200,00\skr/);
    expect(content.body).toMatch(/Total: 560,00\skr/);
    expect(content.body).toContain(
      'Your order: https://shop.example.com/account/orders/9d0f?key=signed',
    );
  });

  it('is queued once per order however often it is queued', async () => {
    const { order, email } = await paidOrderWithQueuedEmail();
    const again = await db().transaction((tx) => queueOrderConfirmation(tx, order));
    expect(again).toBeNull();
    expect(await outboxOf(order.id)).toEqual([email]);
  });
});

describe('without SMTP_URL', () => {
  it('the webhook still answers 200 and the mail stays queued in the outbox, untouched', async () => {
    const { email } = await paidOrderWithQueuedEmail();
    expect(email).toMatchObject({ status: 'queued', attempts: 0, lastError: null, sentAt: null });
    expect(await deliverQueuedEmail(email.id)).toBe('not_configured');
    expect(await deliverPendingEmails()).toEqual([]);
    const [after] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, email.id));
    expect(after).toEqual(email);
  });
});

describe('delivery', () => {
  it('10 concurrent deliveries of one message send it exactly once and mark it sent', async () => {
    const { email } = await paidOrderWithQueuedEmail();
    const transport = recordingTransport();

    const results = await Promise.all(
      Array.from({ length: 10 }, () => deliverQueuedEmail(email.id, { transport })),
    );

    expect(results.filter((result) => result === 'sent')).toHaveLength(1);
    expect(results.filter((result) => result === 'not_due')).toHaveLength(9);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({ to: 'ada@example.com', subject: email.subject });
    const [sent] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, email.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent?.sentAt).toBeInstanceOf(Date);
    expect(await deliverQueuedEmail(email.id, { transport })).toBe('not_due');
    expect(transport.sent).toHaveLength(1);
  });

  it('a refused SMTP connection leaves the message queued with the error and a later retry time', async () => {
    const { email } = await paidOrderWithQueuedEmail();
    // Nothing listens on this port, so nodemailer's connection is refused.
    const refused = nodemailer.createTransport(`smtp://127.0.0.1:${await freePort()}`);
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});

    expect(await deliverQueuedEmail(email.id, { transport: refused })).toBe('retry_later');

    warned.mockRestore();
    const [after] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, email.id));
    expect(after).toMatchObject({ status: 'queued', attempts: 1, sentAt: null });
    expect(after?.lastError).toMatch(/ECONNREFUSED/);
    expect(after!.nextAttemptAt.getTime()).toBeGreaterThan(email.nextAttemptAt.getTime());
    // Not due yet: a retry now sends nothing.
    const transport = recordingTransport();
    expect(await deliverQueuedEmail(email.id, { transport })).toBe('not_due');
    expect(transport.sent).toHaveLength(0);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, marks the message failed and logs that it gave up`, async () => {
    const { email } = await paidOrderWithQueuedEmail();
    await db()
      .update(emailOutbox)
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where(eq(emailOutbox.id, email.id));
    const failing: MailTransport = {
      sendMail: () => Promise.reject(new Error('550 mailbox full')),
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    expect(await deliverQueuedEmail(email.id, { transport: failing })).toBe('failed');

    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/giving up: 550 mailbox full$/));
    logged.mockRestore();
    const [after] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, email.id));
    expect(after).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: '550 mailbox full',
    });
  });

  it('deliverPendingEmails sends what is due and leaves what is not', async () => {
    const due = await paidOrderWithQueuedEmail();
    const later = await paidOrderWithQueuedEmail();
    await db()
      .update(emailOutbox)
      .set({ nextAttemptAt: sql`now() + interval '1 hour'` })
      .where(eq(emailOutbox.id, later.email.id));
    const transport = recordingTransport();

    // Scoped to this test's orders: other test files share the database and their own outbox rows.
    await deliverPendingEmails({ transport, orderIds: [due.order.id, later.order.id] });

    const [dueAfter] = await outboxOf(due.order.id);
    const [laterAfter] = await outboxOf(later.order.id);
    expect(dueAfter?.status).toBe('sent');
    expect(laterAfter?.status).toBe('queued');
    expect(transport.sent.some((mail) => mail.subject === later.email.subject)).toBe(false);
  });
});

describe('sending the same message again', () => {
  it('carries the same Message-ID on every attempt, so a resend after a crash is one message', async () => {
    const { email } = await paidOrderWithQueuedEmail();
    const transport = recordingTransport();
    expect(await deliverQueuedEmail(email.id, { transport })).toBe('sent');
    // As if the sender had died before recording the send: the row is due again.
    await db()
      .update(emailOutbox)
      .set({ status: 'queued', nextAttemptAt: new Date(0) })
      .where(eq(emailOutbox.id, email.id));
    expect(await deliverQueuedEmail(email.id, { transport })).toBe('sent');
    expect(transport.sent.map((message) => message.messageId)).toEqual([
      outboxMessageId(email.id),
      outboxMessageId(email.id),
    ]);
  });
});
