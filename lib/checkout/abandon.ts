import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { fulfillCheckout } from '@/lib/checkout/fulfilment';
import { releaseStock } from '@/lib/catalogue/reservations';
import { stripe } from '@/lib/stripe';

/**
 * A customer who checks out again leaves their previous session unpaid: expire it at Stripe so
 * its held stock returns now rather than in 30 minutes. The expired session is applied through
 * fulfillCheckout, exactly as its `checkout.session.expired` webhook would be (which then finds
 * nothing left to do). A session that was paid meanwhile cannot be expired and is left alone.
 */
export async function abandonCheckout(sessionId: string): Promise<void> {
  const [order] = await db()
    .select({ status: orders.status })
    .from(orders)
    .where(eq(orders.stripeCheckoutSessionId, sessionId));
  if (order?.status !== 'pending') return;
  try {
    const session = await stripe().checkout.sessions.expire(sessionId);
    await fulfillCheckout(session, { actor: 'customer' });
  } catch (error) {
    // Already complete or expired: its webhook carries the outcome. Anything else: the session
    // still expires by itself at expires_at, and its webhook releases the stock then.
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) {
      console.error(`checkout: could not expire the previous session ${sessionId}:`, error);
    }
  }
}

/**
 * Cancels an order whose Checkout Session was never created (Stripe refused or was unreachable),
 * returning its stock. Conditional on `pending`, so it happens at most once.
 */
export async function cancelUnpaidOrder(orderId: string, kind: string): Promise<void> {
  await db().transaction(async (tx) => {
    const canceled = await tx
      .update(orders)
      .set({ status: 'canceled', updatedAt: new Date() })
      .where(and(eq(orders.id, orderId), eq(orders.status, 'pending')))
      .returning({ id: orders.id });
    if (canceled.length === 0) return;
    await releaseStock(tx, orderId);
    await tx
      .insert(orderEvents)
      .values({ orderId, kind, fromStatus: 'pending', toStatus: 'canceled', actor: 'system' });
  });
}
