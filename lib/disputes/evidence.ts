import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { emailOutbox, orderEvents, orders, type DisputeEvidence } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { ORDER_CONFIRMATION } from '@/lib/orders/confirmation-email';
import { addressLines } from '@/lib/orders/postal-address';
import { orderItemsOf } from '@/lib/orders/record';

/**
 * The evidence fields the admin's form offers, in Stripe's names: its text fields
 * (docs.stripe.com/api/disputes/update). Customer communication, receipts and policies are file
 * fields there (a File upload's id), added in Stripe's Dashboard; the confirmation email the store
 * sent goes in as text with the order's history, and a shipped order's address, carrier, tracking
 * number and date go in Stripe's shipping fields.
 */
export const EVIDENCE_FIELDS = [
  { name: 'customer_name', label: 'Customer name', rows: 1 },
  { name: 'customer_email_address', label: 'Customer email', rows: 1 },
  { name: 'product_description', label: 'What was sold', rows: 4 },
  { name: 'service_date', label: 'Date of purchase or service', rows: 1 },
  { name: 'refund_policy_disclosure', label: 'How the refund policy was shown', rows: 3 },
  // Proof of delivery answers "product not received" and many fraud disputes.
  { name: 'shipping_address', label: 'Shipping address', rows: 3 },
  { name: 'shipping_carrier', label: 'Shipping carrier', rows: 1 },
  { name: 'shipping_tracking_number', label: 'Tracking number', rows: 1 },
  { name: 'shipping_date', label: 'Date shipped', rows: 1 },
  {
    name: 'uncategorized_text',
    label: 'Other evidence (what the customer was sent, the order’s history)',
    rows: 12,
  },
] as const;

export type EvidenceField = (typeof EVIDENCE_FIELDS)[number]['name'];

/** Stripe limits all of a dispute's evidence text together to 150,000 characters. */
export const EVIDENCE_TOTAL_LIMIT = 150_000;

/**
 * What the store already knows that answers a dispute about `orderId`: who bought, what, when,
 * the confirmation it emailed, and the order's timeline. The admin edits it before staging.
 */
export async function suggestedEvidence(
  executor: Executor,
  orderId: string,
): Promise<DisputeEvidence> {
  const [order] = await executor.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return {};
  const items = await orderItemsOf(executor, orderId);
  const [confirmation] = await executor
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.orderId, orderId), eq(emailOutbox.kind, ORDER_CONFIRMATION)));
  const timeline = await executor
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));

  const day = (date: Date) => date.toISOString().slice(0, 10);
  return {
    customer_name: order.customerName,
    customer_email_address: order.email,
    product_description: items
      .map(
        (item) =>
          `${item.quantity} × ${item.name} at ${formatMoney(item.unitAmount, order.currency)}`,
      )
      .concat(
        `Total charged: ${formatMoney(order.amountCaptured ?? order.amountTotal, order.currency)}`,
      )
      .join('\n'),
    service_date: day(order.paidAt ?? order.createdAt),
    refund_policy_disclosure: null,
    shipping_address: order.shippingAddress
      ? addressLines(order.shippingName, order.shippingAddress).join('\n')
      : null,
    shipping_carrier: order.shippingCarrier,
    shipping_tracking_number: order.trackingNumber,
    shipping_date: order.shippedAt ? day(order.shippedAt) : null,
    uncategorized_text: [
      `Order ${order.number}, placed ${order.createdAt.toISOString()}.`,
      ...(confirmation
        ? [
            '',
            `Order confirmation emailed to ${confirmation.recipient}` +
              (confirmation.sentAt
                ? ` on ${confirmation.sentAt.toISOString()}:`
                : ' (queued, not sent yet):'),
            `Subject: ${confirmation.subject}`,
            confirmation.body,
          ]
        : []),
      '',
      'Order history:',
      ...timeline.map(
        (event) =>
          `${event.at.toISOString()}  ${event.kind.replaceAll('_', ' ')}` +
          (event.fromStatus !== event.toStatus
            ? ` (${event.fromStatus} → ${event.toStatus})`
            : '') +
          ` by ${event.actor}`,
      ),
    ].join('\n'),
  };
}
