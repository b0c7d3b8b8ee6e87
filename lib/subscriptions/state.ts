import { stripeIdOf } from '@/lib/platform/identifiers';
import type Stripe from 'stripe';
import type { BillingInterval } from '@/db/schema';

/**
 * Which subscription snapshot wins. Every customer.subscription.* event carries the whole
 * subscription as it was when the event was created, and Stripe does not promise to deliver events
 * in order (https://docs.stripe.com/webhooks#event-ordering), so each event is a candidate snapshot
 * and the stored one is replaced only by a later one. "Later", without asking Stripe:
 *
 * 1. `canceled` and `incomplete_expired` are final in Stripe: nothing replaces them.
 * 2. A final snapshot replaces any other.
 * 3. A later current period end wins (renewals only move the period forward).
 * 4. In the same period, the later event `created` wins.
 * 5. In the same second, `incomplete` never replaces another status (Checkout activates a new
 *    subscription within the second it creates it); otherwise the later delivery wins.
 *
 * So duplicates (already deduped by event id) and any delivery order converge on the snapshot of
 * the newest event. What rule 5 cannot order (a cancel and a resume in the same second, delivered
 * backwards) is put right by the subscription's next event.
 */

const FINAL_STATUSES = new Set(['canceled', 'incomplete_expired']);

export interface SubscriptionSnapshot {
  status: string;
  stripeCustomerId: string | null;
  name: string | null;
  unitAmount: number | null;
  currency: string | null;
  interval: BillingInterval | null;
  intervalCount: number | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
}

export interface StoredState {
  status: string;
  currentPeriodEnd: Date | null;
  /** The `created` of the event the stored snapshot came from; null when none was applied yet. */
  stateEventCreated: Date | null;
}

export function isFinalStatus(status: string): boolean {
  return FINAL_STATUSES.has(status);
}

/** True when the snapshot an event (created at `eventCreated`) carries should replace `stored`. Pure. */
export function supersedes(
  stored: StoredState,
  incoming: Pick<SubscriptionSnapshot, 'status' | 'currentPeriodEnd'>,
  eventCreated: Date,
): boolean {
  if (!stored.stateEventCreated) return true;
  if (isFinalStatus(stored.status)) return false;
  if (isFinalStatus(incoming.status)) return true;
  const period = compare(incoming.currentPeriodEnd, stored.currentPeriodEnd);
  if (period !== 0) return period > 0;
  const created = eventCreated.getTime() - stored.stateEventCreated.getTime();
  if (created !== 0) return created > 0;
  return !(incoming.status === 'incomplete' && stored.status !== 'incomplete');
}

function compare(a: Date | null, b: Date | null): number {
  return (a?.getTime() ?? 0) - (b?.getTime() ?? 0);
}

/** The pending change a snapshot confirms, if it does: then the account page stops saying "pending". */
export type PendingChange = 'cancel' | 'resume' | 'cancel_now';

export function confirmsPendingChange(
  change: PendingChange,
  snapshot: Pick<SubscriptionSnapshot, 'status' | 'cancelAtPeriodEnd'>,
): boolean {
  if (isFinalStatus(snapshot.status)) return true;
  if (change === 'cancel') return snapshot.cancelAtPeriodEnd;
  if (change === 'resume') return !snapshot.cancelAtPeriodEnd;
  return false;
}

const date = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000);

/**
 * Stripe's subscription, in our words. Since API 2025-03-31 the period lives on each item; Shopfront
 * sells one item per subscription, so the first item's period and price are the subscription's.
 */
export function snapshotOf(subscription: Stripe.Subscription): SubscriptionSnapshot {
  const item = subscription.items.data[0];
  const price = item?.price;
  const recurring = price?.recurring;
  const interval: BillingInterval | null =
    recurring?.interval === 'month' ? 'month' : recurring?.interval === 'year' ? 'year' : null;
  return {
    status: subscription.status,
    stripeCustomerId: stripeIdOf(subscription.customer),
    name: typeof price?.product === 'object' && 'name' in price.product ? price.product.name : null,
    unitAmount:
      price?.unit_amount === null || !price ? null : price.unit_amount * (item?.quantity ?? 1),
    currency: subscription.currency,
    interval,
    intervalCount: interval ? (recurring?.interval_count ?? 1) : null,
    currentPeriodStart: date(item?.current_period_start),
    currentPeriodEnd: date(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: date(subscription.canceled_at),
    endedAt: date(subscription.ended_at),
  };
}
