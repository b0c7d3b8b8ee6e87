import type { Outcome } from '@/lib/platform/action-state';
import { isMoneyTaken } from '@/lib/orders/state';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { emailOutbox, orders } from '@/db/schema';
import { deliverQueuedEmail } from '@/lib/email/delivery';
import { ORDER_CONFIRMATION, queueOrderConfirmation } from '@/lib/orders/confirmation-email';
import type { Actor } from '@/lib/auth/admin-action';
import { recordAudit } from '@/lib/platform/audit-log';

/**
 * Sends the order confirmation again. The outbox keeps one confirmation per order, so "again"
 * puts that row back in the queue (or queues it, for an order paid before mail existed) and
 * delivers it now; without SMTP it stays queued and the outbox shows it.
 */
export async function resendConfirmation(orderId: string, actor: Actor): Promise<Outcome> {
  const outboxId = await db().transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) return { error: 'That order no longer exists.' };
    if (!isMoneyTaken(order.status))
      return { error: 'Only paid orders have a confirmation to send.' };
    if (!order.email) return { error: 'This order has no email address.' };
    const [requeued] = await tx
      .update(emailOutbox)
      .set({
        status: 'queued',
        attempts: 0,
        nextAttemptAt: new Date(),
        lastError: null,
        recipient: order.email,
      })
      .where(and(eq(emailOutbox.orderId, orderId), eq(emailOutbox.kind, ORDER_CONFIRMATION)))
      .returning({ id: emailOutbox.id });
    const id = requeued?.id ?? (await queueOrderConfirmation(tx, order));
    await recordAudit(tx, actor, {
      action: 'order.resend_confirmation',
      targetType: 'order',
      targetId: orderId,
      detail: { number: order.number, recipient: order.email },
    });
    return { id };
  });
  if ('error' in outboxId) return { ok: false, message: outboxId.error ?? 'Nothing was sent.' };
  if (outboxId.id === null) return { ok: false, message: 'Nothing was queued.' };
  const result = await deliverQueuedEmail(outboxId.id);
  const messages: Record<string, Outcome> = {
    sent: { ok: true, message: 'Confirmation sent.' },
    not_configured: {
      ok: true,
      message: 'Confirmation queued: mail is not configured (SMTP_URL), so it waits in the outbox.',
    },
    retry_later: { ok: false, message: 'The mail server refused the message; it will be retried.' },
    failed: { ok: false, message: 'Sending failed; see the outbox.' },
    not_due: { ok: true, message: 'Confirmation queued.' },
  };
  return messages[result] ?? { ok: true, message: 'Confirmation queued.' };
}
