import type { Executor } from '@/db/client';
import { emailOutbox, type Order, type OrderItem } from '@/db/schema';
import { orderInvoiceUrl, orderLinkUrl } from '@/lib/orders/guest-link';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';
import { addressLines } from '@/lib/orders/postal-address';
import { orderItemsOf } from '@/lib/orders/record';
import { taxIdLabel, totalsRows, type OrderSummary } from '@/lib/orders/summary';

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
> &
  /** The breakdown, shipping and tax ids; what is absent is not shown. */
  Partial<OrderSummary>;

export interface EmailContent {
  subject: string;
  body: string;
}

/**
 * The confirmation's words: order number, each line, the totals breakdown, where the goods go,
 * the customer's tax ids, the invoice and where to see the order.
 */
export function buildOrderConfirmation(
  order: ConfirmableOrder,
  items: Array<Pick<OrderItem, 'name' | 'quantity' | 'unitAmount'>>,
  store: { name: string },
  /** The order's signed page (lib/orders/guest-link.ts): whoever holds the email can open it. */
  orderUrl: string,
  /** The order's signed invoice link, when the order has an invoice. */
  invoiceUrl: string | null = null,
): EmailContent {
  const lines = items.map(
    (item) =>
      `  ${item.quantity} × ${item.name}  ${formatMoney(item.unitAmount * item.quantity, order.currency)}`,
  );
  const totals = totalsRows({
    currency: order.currency,
    amountSubtotal: order.amountSubtotal ?? order.amountTotal,
    amountDiscount: order.amountDiscount ?? 0,
    amountShipping: order.amountShipping ?? 0,
    amountTax: order.amountTax ?? 0,
    amountTotal: order.amountTotal,
    promotionCode: order.promotionCode ?? null,
    shippingRateId: order.shippingRateId ?? null,
  }).map((row) => `${row.label}: ${row.amount}`);
  const address = addressLines(order.shippingName ?? null, order.shippingAddress ?? null);
  const taxIds = order.customerTaxIds ?? [];
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
      ...totals,
      '',
      ...paragraph(
        address.length > 0 ? ['Shipping to:', ...address.map((line) => `  ${line}`)] : [],
      ),
      ...paragraph(order.shippingRateName ? [`Delivery: ${order.shippingRateName}`] : []),
      ...paragraph(taxIds.map((taxId) => `Tax ID: ${taxIdLabel(taxId)}`)),
      ...paragraph(invoiceUrl ? [`Your invoice: ${invoiceUrl}`] : []),
      `Your order: ${orderUrl}`,
      '',
      `— ${store.name}`,
    ].join('\n'),
  };
}

/** Lines followed by a blank one, or nothing at all. */
function paragraph(lines: string[]): string[] {
  return lines.length > 0 ? [...lines, ''] : [];
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
    order.stripeInvoiceId ? orderInvoiceUrl(order.id) : null,
  );
  const [queued] = await tx
    .insert(emailOutbox)
    .values({ orderId: order.id, kind: ORDER_CONFIRMATION, recipient: order.email, ...content })
    .onConflictDoNothing({ target: [emailOutbox.orderId, emailOutbox.kind] })
    .returning({ id: emailOutbox.id });
  return queued?.id ?? null;
}
