import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db, type Executor } from '@/db/client';
import { orders } from '@/db/schema';
import { lockOrderById } from '@/lib/orders/record';
import { stripe } from '@/lib/stripe';

/**
 * Invoices of one-time orders (the session's invoice_creation). Checkout makes the invoice after
 * the payment; its invoice.* events carry the hosted page and PDF, and the order id in the
 * metadata the session gave it (lib/checkout/session-params.ts).
 */

export interface OrderInvoiceRecorded {
  orderNumber: number;
  changed: boolean;
}

/**
 * Stores the invoice's id and links on its order (by default the one its metadata names); null
 * when that is no order of ours. The one writer of an order's invoice links.
 */
export async function recordOrderInvoice(
  tx: Executor,
  invoice: Stripe.Invoice,
  orderId = invoice.metadata?.order_id ?? '',
): Promise<OrderInvoiceRecorded | null> {
  const order = await lockOrderById(tx, orderId);
  if (!order || !invoice.id) return null;
  // One invoice per order: an invoice of another id is not this order's to show.
  if (order.stripeInvoiceId && order.stripeInvoiceId !== invoice.id) return null;
  const changes = {
    ...(order.stripeInvoiceId === null && { stripeInvoiceId: invoice.id }),
    // A draft has no links yet; a later event of the same invoice brings them.
    ...(invoice.hosted_invoice_url &&
      invoice.hosted_invoice_url !== order.invoiceUrl && {
        invoiceUrl: invoice.hosted_invoice_url,
      }),
    ...(invoice.invoice_pdf &&
      invoice.invoice_pdf !== order.invoicePdfUrl && { invoicePdfUrl: invoice.invoice_pdf }),
  };
  if (Object.keys(changes).length === 0) return { orderNumber: order.number, changed: false };
  await tx
    .update(orders)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(orders.id, order.id));
  return { orderNumber: order.number, changed: true };
}

export type OrderInvoiceLinks =
  | { kind: 'links'; url: string; pdfUrl: string | null }
  | { kind: 'no_invoice' }
  /** Stripe has not finalised it yet: no hosted page exists. */
  | { kind: 'not_ready' };

/**
 * The order's invoice links for the store's invoice route. When the events have not brought them
 * yet, Stripe is asked once and the answer stored, so later visits cost no call.
 */
export async function orderInvoiceLinks(orderId: string): Promise<OrderInvoiceLinks> {
  const [order] = await db()
    .select({
      stripeInvoiceId: orders.stripeInvoiceId,
      invoiceUrl: orders.invoiceUrl,
      invoicePdfUrl: orders.invoicePdfUrl,
    })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order?.stripeInvoiceId) return { kind: 'no_invoice' };
  if (order.invoiceUrl)
    return { kind: 'links', url: order.invoiceUrl, pdfUrl: order.invoicePdfUrl };
  const invoice = await stripe().invoices.retrieve(order.stripeInvoiceId);
  if (!invoice.hosted_invoice_url) return { kind: 'not_ready' };
  await db().transaction((tx) => recordOrderInvoice(tx, invoice, orderId));
  return { kind: 'links', url: invoice.hosted_invoice_url, pdfUrl: invoice.invoice_pdf ?? null };
}
