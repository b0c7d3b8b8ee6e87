import type { WebhookHandler } from './handler';
import { applyInvoiceEvent } from './invoice-event';

/** A subscription invoice was paid (first payment or renewal): recorded once, receipt queued once. */
export const invoicePaid: WebhookHandler<'invoice.paid'> = (tx, event) =>
  applyInvoiceEvent(tx, event);
