import type { WebhookHandler } from './handler';
import { applyRefundEvent } from './refund-event';

export const refundUpdated: WebhookHandler<'refund.updated'> = (tx, event) =>
  applyRefundEvent(tx, event);
