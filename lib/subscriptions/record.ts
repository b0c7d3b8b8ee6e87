import { stripeIdOf } from '@/lib/platform/identifiers';
import type { Executor } from '@/db/client';
import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { products, subscriptions, users, type Subscription } from '@/db/schema';
import { confirmsPendingChange, snapshotOf, supersedes, type PendingChange } from './state';

/** What our records a subscription belongs to, from the metadata Checkout copied onto it. */
export interface SubscriptionLinks {
  userId?: string | null;
  productId?: string | null;
  checkoutSessionId?: string | null;
}

export function linksFromMetadata(metadata: Stripe.Metadata | null | undefined): SubscriptionLinks {
  return { userId: metadata?.user_id ?? null, productId: metadata?.product_id ?? null };
}

/**
 * The subscription's row, created if no event named it before, and locked for the rest of the
 * transaction so two events of one subscription apply one after the other.
 */
export async function lockSubscription(
  tx: Executor,
  stripeSubscriptionId: string,
  links: SubscriptionLinks,
): Promise<Subscription> {
  await tx
    .insert(subscriptions)
    .values({ stripeSubscriptionId })
    .onConflictDoNothing({ target: subscriptions.stripeSubscriptionId });
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.stripeSubscriptionId, stripeSubscriptionId))
    .for('update');
  const linked = await missingLinks(tx, row!, links);
  if (Object.keys(linked).length === 0) return row!;
  const [updated] = await tx
    .update(subscriptions)
    .set(linked)
    .where(eq(subscriptions.id, row!.id))
    .returning();
  return updated!;
}

/** Links the row lacks and the metadata supplies, each only if its record exists (ids can be stale). */
async function missingLinks(
  tx: Executor,
  row: Subscription,
  links: SubscriptionLinks,
): Promise<Partial<Subscription>> {
  const set: Partial<Subscription> = {};
  if (!row.stripeCheckoutSessionId && links.checkoutSessionId)
    set.stripeCheckoutSessionId = links.checkoutSessionId;
  if (!row.userId && links.userId) {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, links.userId));
    if (user) set.userId = user.id;
  }
  if (!row.productId && links.productId && /^[0-9a-f-]{36}$/.test(links.productId)) {
    const [product] = await tx
      .select({ id: products.id, name: products.name })
      .from(products)
      .where(eq(products.id, links.productId));
    if (product) Object.assign(set, { productId: product.id, name: row.name ?? product.name });
  }
  return set;
}

export interface SubscriptionApplied {
  subscription: Subscription;
  changed: boolean;
}

/** One customer.subscription.* event: its snapshot replaces ours if it is newer (state.ts). */
export async function applySubscriptionSnapshot(
  tx: Executor,
  stripeSubscription: Stripe.Subscription,
  eventCreated: Date,
): Promise<SubscriptionApplied> {
  const row = await lockSubscription(
    tx,
    stripeSubscription.id,
    linksFromMetadata(stripeSubscription.metadata),
  );
  const snapshot = snapshotOf(stripeSubscription);
  if (!supersedes(row, snapshot, eventCreated)) return { subscription: row, changed: false };
  const pendingConfirmed =
    row.pendingChange !== null &&
    confirmsPendingChange(row.pendingChange as PendingChange, snapshot);
  const [updated] = await tx
    .update(subscriptions)
    .set({
      ...snapshot,
      name: row.name ?? snapshot.name,
      stateEventCreated: eventCreated,
      ...(pendingConfirmed && { pendingChange: null, pendingSince: null }),
      updatedAt: sql`now()`,
    })
    .where(eq(subscriptions.id, row.id))
    .returning();
  return { subscription: updated!, changed: true };
}

/** checkout.session.completed in subscription mode: which session started which subscription. */
export async function linkCheckoutSession(
  tx: Executor,
  session: Stripe.Checkout.Session,
): Promise<Subscription | null> {
  const stripeSubscriptionId = stripeIdOf(session.subscription);
  if (!stripeSubscriptionId) return null;
  const row = await lockSubscription(tx, stripeSubscriptionId, {
    ...linksFromMetadata(session.metadata),
    checkoutSessionId: session.id,
  });
  if (!row.stripeCustomerId && session.customer) {
    await tx
      .update(subscriptions)
      .set({ stripeCustomerId: stripeIdOf(session.customer) })
      .where(eq(subscriptions.id, row.id));
  }
  return row;
}
