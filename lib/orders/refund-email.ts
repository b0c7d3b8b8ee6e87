import type { Executor } from '@/db/client';
import { emailOutbox, type Order } from '@/db/schema';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';
import type { EmailContent } from '@/lib/orders/confirmation-email';

/** One message per refund: two partial refunds each get their own (the outbox kind names the refund). */
export function refundConfirmationKind(stripeRefundId: string): string {
  return `refund_confirmation:${stripeRefundId}`;
}

export type RefundedOrder = Pick<Order, 'id' | 'number' | 'email' | 'customerName' | 'currency'>;

/** The refund's words: how much, for which order, and when the customer will see it. */
export function buildRefundConfirmation(
  order: RefundedOrder,
  refund: { amount: number },
  store: { name: string },
): EmailContent {
  const amount = formatMoney(refund.amount, order.currency);
  return {
    subject: `${store.name}: refund of ${amount} for order ${order.number}`,
    body: [
      order.customerName ? `Hello ${order.customerName},` : 'Hello,',
      '',
      `We have refunded ${amount} for order ${order.number} to the card you paid with.`,
      'Depending on your bank, it takes 5 to 10 business days to appear on your statement.',
      '',
      `— ${store.name}`,
    ].join('\n'),
  };
}

/**
 * Queues the confirmation inside the transaction that records the refund as succeeded, like the
 * order confirmation: (order_id, kind) is unique, so a redelivered event queues nothing more.
 */
export async function queueRefundConfirmation(
  tx: Executor,
  order: RefundedOrder,
  refund: { stripeRefundId: string; amount: number },
): Promise<number | null> {
  if (!order.email) {
    console.warn(`[email] order ${order.number} was refunded but has no email address`);
    return null;
  }
  const content = buildRefundConfirmation(order, refund, { name: env().STORE_NAME });
  const [queued] = await tx
    .insert(emailOutbox)
    .values({
      orderId: order.id,
      kind: refundConfirmationKind(refund.stripeRefundId),
      recipient: order.email,
      ...content,
    })
    .onConflictDoNothing({ target: [emailOutbox.orderId, emailOutbox.kind] })
    .returning({ id: emailOutbox.id });
  return queued?.id ?? null;
}
