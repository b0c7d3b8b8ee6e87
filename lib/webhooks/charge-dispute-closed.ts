import { applyDisputeEvent } from './dispute-event';
import type { WebhookHandler } from './handler';

export const chargeDisputeClosed: WebhookHandler<'charge.dispute.closed'> = (tx, event) =>
  applyDisputeEvent(tx, event);
