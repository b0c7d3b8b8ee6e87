import type { WebhookHandler } from './handler';
import { applySubscriptionEvent } from './subscription-event';

export const customerSubscriptionDeleted: WebhookHandler<'customer.subscription.deleted'> = (
  tx,
  event,
) => applySubscriptionEvent(tx, event);
