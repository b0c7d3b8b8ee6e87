import type { WebhookHandler } from './handler';
import { applySubscriptionEvent } from './subscription-event';

export const customerSubscriptionUpdated: WebhookHandler<'customer.subscription.updated'> = (
  tx,
  event,
) => applySubscriptionEvent(tx, event);
