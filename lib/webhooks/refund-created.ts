import type { WebhookHandler } from './handler';
import { applyRefundEvent } from './refund-event';

export const refundCreated: WebhookHandler<'refund.created'> = (tx, event) =>
  applyRefundEvent(tx, event);
