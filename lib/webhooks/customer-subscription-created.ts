import type { WebhookHandler } from './handler';
import { applySubscriptionEvent } from './subscription-event';

export const customerSubscriptionCreated: WebhookHandler<'customer.subscription.created'> = (
  tx,
  event,
) => applySubscriptionEvent(tx, event);
