import { applyDisputeEvent } from './dispute-event';
import type { WebhookHandler } from './handler';

export const chargeDisputeCreated: WebhookHandler<'charge.dispute.created'> = (tx, event) =>
  applyDisputeEvent(tx, event);
