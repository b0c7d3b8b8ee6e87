import type { WebhookHandler } from './handler';
import { applyRefundEvent } from './refund-event';

export const refundFailed: WebhookHandler<'refund.failed'> = (tx, event) =>
  applyRefundEvent(tx, event);
