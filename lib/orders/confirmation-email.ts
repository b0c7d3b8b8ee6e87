import type { Executor } from '@/db/client';
import { emailOutbox, type Order, type OrderItem } from '@/db/schema';
import { orderLinkUrl } from '@/lib/orders/guest-link';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';
import { orderItemsOf } from '@/lib/orders/record';

export const ORDER_CONFIRMATION = 'order_confirmation';

export type ConfirmableOrder = Pick<
  Order,
  | 'id'
  | 'number'
  | 'email'
  | 'customerName'
  | 'currency'
  | 'amountTotal'
  | 'stripeCheckoutSessionId'
>;

export interface EmailContent {
  subject: string;
  body: string;
}

/** The confirmation's words: order number, each line, the total, and where to see the order. */
export function buildOrderConfirmation(
  order: ConfirmableOrder,
  items: Array<Pick<OrderItem, 'name' | 'quantity' | 'unitAmount'>>,
  store: { name: string },
  /** The order's signed page (lib/orders/guest-link.ts): whoever holds the email can open it. */
  orderUrl: string,
): EmailContent {
  const lines = items.map(
    (item) =>
      `  ${item.quantity} × ${item.name}  ${formatMoney(item.unitAmount * item.quantity, order.currency)}`,
  );
  const greeting = order.customerName ? `Hello ${order.customerName},` : 'Hello,';
  return {
    subject: `${store.name}: order ${order.number} confirmed`,
    body: [
      greeting,
      '',
      `Thank you for your order. We have received your payment for order ${order.number}.`,
      '',
      ...lines,
      '',
      `Total: ${formatMoney(order.amountTotal, order.currency)}`,
      '',
      `Your order: ${orderUrl}`,
      '',
      `— ${store.name}`,
    ].join('\n'),
  };
}

/**
 * Queues the confirmation inside the caller's transaction (the one that marks the order paid), so
 * it commits with the payment or not at all. (order_id, kind) is unique: a second call queues
 * nothing. Returns the outbox id when this call queued it, null otherwise.
 */
export async function queueOrderConfirmation(
  tx: Executor,
  order: ConfirmableOrder,
): Promise<number | null> {
  if (!order.email) {
    console.warn(`[email] order ${order.number} is paid but has no email address; nothing queued`);
    return null;
  }
  const config = env();
  const content = buildOrderConfirmation(
    order,
    await orderItemsOf(tx, order.id),
    { name: config.STORE_NAME },
    orderLinkUrl(order.id),
  );
  const [queued] = await tx
    .insert(emailOutbox)
    .values({ orderId: order.id, kind: ORDER_CONFIRMATION, recipient: order.email, ...content })
    .onConflictDoNothing({ target: [emailOutbox.orderId, emailOutbox.kind] })
    .returning({ id: emailOutbox.id });
  return queued?.id ?? null;
}
