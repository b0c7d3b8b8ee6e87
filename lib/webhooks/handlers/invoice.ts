import type { Executor } from '@/db/client';
import type Stripe from 'stripe';
import { recordInvoice, subscriptionIdOfInvoice } from '@/lib/subscriptions/invoices';
import type { HandledEvent } from '@/lib/webhooks/handler';

/** invoice.paid and invoice.payment_failed: the invoice ledger; the subscription's own events move its status. */
export async function applyInvoiceEvent(
  tx: Executor,
  event: { data: { object: Stripe.Invoice } },
): Promise<HandledEvent> {
  const invoice = event.data.object;
  const subscriptionId = subscriptionIdOfInvoice(invoice);
  if (!subscriptionId) {
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
