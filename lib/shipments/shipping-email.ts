import type { Executor } from '@/db/client';
import { emailOutbox, type Order, type OrderItem } from '@/db/schema';
import { env } from '@/lib/env';
import type { EmailContent } from '@/lib/orders/confirmation-email';
import { orderLinkUrl } from '@/lib/orders/guest-link';
import { addressLines } from '@/lib/orders/postal-address';
import { orderItemsOf } from '@/lib/orders/record';
import { trackingUrl } from './tracking';

/** The outbox kind: (order_id, kind) is unique, so an order's shipping email is queued once. */
export const SHIPPING_EMAIL = 'shipped';

export type ShippedOrder = Pick<
  Order,
  | 'id'
  | 'number'
  | 'email'
  | 'customerName'
  | 'shippingName'
  | 'shippingAddress'
  | 'shippingCarrier'
  | 'trackingNumber'
>;

/** The shipping email's words: what is on its way, to where, with whom, and how to follow it. */
export function buildShippingEmail(
  order: ShippedOrder,
  items: Array<Pick<OrderItem, 'name' | 'quantity'>>,
  store: { name: string },
  /** The order's signed page (lib/orders/guest-link.ts), as in the confirmation. */
  orderUrl: string,
): EmailContent {
  const address = addressLines(order.shippingName, order.shippingAddress);
  const link = trackingUrl(order.shippingCarrier, order.trackingNumber);
  return {
    subject: `${store.name}: order ${order.number} has shipped`,
    body: [
      order.customerName ? `Hello ${order.customerName},` : 'Hello,',
      '',
      `Your order ${order.number} is on its way.`,
      '',
      ...items.map((item) => `  ${item.quantity} × ${item.name}`),
      '',
      ...(address.length > 0 ? ['Shipping to:', ...address.map((line) => `  ${line}`), ''] : []),
      `Carrier: ${order.shippingCarrier}`,
      `Tracking number: ${order.trackingNumber}`,
      ...(link ? [`Track your parcel: ${link}`] : []),
      '',
      `Your order: ${orderUrl}`,
      '',
      `— ${store.name}`,
    ].join('\n'),
  };
}

/**
 * Queues the shipping email inside the transaction that marks the order shipped, so it commits
 * with the shipment or not at all. Returns the outbox id when this call queued it, null when it
 * was queued before or the order has no email address.
 */
export async function queueShippingEmail(
  tx: Executor,
  order: ShippedOrder,
): Promise<number | null> {
  if (!order.email) {
    console.warn(`[email] order ${order.number} shipped but has no email address; nothing queued`);
    return null;
  }
  const content = buildShippingEmail(
    order,
    await orderItemsOf(tx, order.id),
    { name: env().STORE_NAME },
    orderLinkUrl(order.id),
  );
  const [queued] = await tx
    .insert(emailOutbox)
    .values({ orderId: order.id, kind: SHIPPING_EMAIL, recipient: order.email, ...content })
    .onConflictDoNothing({ target: [emailOutbox.orderId, emailOutbox.kind] })
    .returning({ id: emailOutbox.id });
  return queued?.id ?? null;
}
