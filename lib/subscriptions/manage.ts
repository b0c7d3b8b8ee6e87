import type { Outcome } from '@/lib/platform/action-state';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { subscriptions, type Subscription } from '@/db/schema';
import { stripe } from '@/lib/stripe';
import { isFinalStatus, type PendingChange } from './state';

const day = (date: Date | null) =>
  date
    ? date.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
    : 'its period end';

/** Why a change cannot be asked for now, or null when it can. Pure. */
export function refusalOf(subscription: Subscription, change: PendingChange): string | null {
  if (isFinalStatus(subscription.status)) return 'This subscription has already ended.';
  if (subscription.pendingChange) return 'Your previous change is still being confirmed.';
  if (change === 'cancel' && subscription.cancelAtPeriodEnd)
    return 'This subscription already ends at the end of its period.';
  if (change === 'resume' && !subscription.cancelAtPeriodEnd)
    return 'This subscription is not set to end.';
  return null;
}

/**
 * A customer's cancel, resume or cancel-now. The change goes to Stripe; our row only records that
 * it is pending, and the subscription's webhook (which clears it) is what shows the new state. The
 * mark is set before the call so a webhook that beats the response still finds and clears it.
 */
export async function changeSubscription(
  userId: string,
  subscriptionId: string,
  change: PendingChange,
): Promise<Outcome> {
  const [subscription] = await db()
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.userId, userId)));
  if (!subscription) return { ok: false, message: 'We couldn’t find that subscription.' };
  const refusal = refusalOf(subscription, change);
  if (refusal) return { ok: false, message: refusal };

  await db()
    .update(subscriptions)
    .set({ pendingChange: change, pendingSince: new Date() })
    .where(eq(subscriptions.id, subscription.id));
  try {
    const id = subscription.stripeSubscriptionId;
    if (change === 'cancel_now') await stripe().subscriptions.cancel(id);
    else await stripe().subscriptions.update(id, { cancel_at_period_end: change === 'cancel' });
  } catch (error) {
    console.error(
      `subscriptions: Stripe refused ${change} of ${subscription.stripeSubscriptionId}:`,
      error,
    );
    await db()
      .update(subscriptions)
      .set({ pendingChange: null, pendingSince: null })
      .where(and(eq(subscriptions.id, subscription.id), eq(subscriptions.pendingChange, change)));
    return {
      ok: false,
      message: 'We couldn’t reach our payment provider. Nothing changed; please try again.',
    };
  }
  const name = subscription.name ?? 'Your subscription';
  switch (change) {
    case 'cancel':
      return { ok: true, message: `${name} will end on ${day(subscription.currentPeriodEnd)}.` };
    case 'resume':
      return { ok: true, message: `${name} will continue and renew as usual.` };
    case 'cancel_now':
      return { ok: true, message: `${name} is canceled.` };
  }
}
