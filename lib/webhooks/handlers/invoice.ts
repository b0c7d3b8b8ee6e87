import type { Executor } from '@/db/client';
import type Stripe from 'stripe';
import { recordOrderInvoice } from '@/lib/checkout/invoice';
import { recordInvoice, subscriptionIdOfInvoice } from '@/lib/subscriptions/invoices';
import type { HandledEvent } from '@/lib/webhooks/handler';

/**
 * invoice.paid and invoice.payment_failed: the invoice ledger; the subscription's own events move
 * its status. A one-time order's invoice (Checkout's invoice_creation) gives the order its links.
 */
export async function applyInvoiceEvent(
  tx: Executor,
  event: { data: { object: Stripe.Invoice } },
): Promise<HandledEvent> {
  const invoice = event.data.object;
  const subscriptionId = subscriptionIdOfInvoice(invoice);
  if (!subscriptionId) {
    if (invoice.metadata?.order_id) return applyOrderInvoice(tx, invoice);
    return {
      kind: 'ignored',
      detail: `invoice ${invoice.id} bills no subscription`,
      queuedEmailIds: [],
      releasedStock: false,
    };
  }
  const recorded = await recordInvoice(tx, invoice, subscriptionId);
  return {
    kind: 'processed',
    detail: `invoice ${invoice.id} of ${subscriptionId} ${recorded.invoice.status}`,
    queuedEmailIds: recorded.queuedEmailIds,
    releasedStock: false,
  };
}

async function applyOrderInvoice(tx: Executor, invoice: Stripe.Invoice): Promise<HandledEvent> {
  const recorded = await recordOrderInvoice(tx, invoice);
  return {
    kind: recorded ? 'processed' : 'ignored',
    detail: recorded
      ? `invoice ${invoice.id} of order ${recorded.orderNumber}${recorded.changed ? ' recorded' : ' unchanged'}`
      : `invoice ${invoice.id} names no order of this store's`,
    queuedEmailIds: [],
    releasedStock: false,
  };
}
