import type { Executor } from '@/db/client';
import type Stripe from 'stripe';
import { applySubscriptionSnapshot } from '@/lib/subscriptions/record';
import type { HandledEvent } from '@/lib/webhooks/handler';

/**
 * customer.subscription.created, .updated and .deleted all carry the subscription as it was when
 * the event was created: each is a snapshot that replaces ours only if it is newer
 * (lib/subscriptions/state.ts), so any delivery order ends in the newest event's state.
 */
export async function applySubscriptionEvent(
  tx: Executor,
  event: { created: number; data: { object: Stripe.Subscription } },
): Promise<HandledEvent> {
  const subscription = event.data.object;
  const applied = await applySubscriptionSnapshot(tx, subscription, new Date(event.created * 1000));
  return {
    kind: 'processed',
    detail: applied.changed
      ? `subscription ${subscription.id} ${subscription.status}${subscription.cancel_at_period_end ? ' (cancels at period end)' : ''}`
      : `subscription ${subscription.id} stays ${applied.subscription.status}: older snapshot`,
    queuedEmailIds: [],
    releasedStock: false,
  };
}
