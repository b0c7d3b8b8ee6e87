import type { WebhookHandler } from './handler';
import { applyInvoiceEvent } from './invoice-event';

/** A renewal's charge was declined: the invoice stays open (the subscription turns past_due by its own event). */
export const invoicePaymentFailed: WebhookHandler<'invoice.payment_failed'> = (tx, event) =>
  applyInvoiceEvent(tx, event);
