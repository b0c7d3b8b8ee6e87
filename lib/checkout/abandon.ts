import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { fulfilCheckout } from '@/lib/checkout/fulfilment';
import { afterCommit, effectsOf } from '@/lib/orders/after-commit';
import { lockOrderById } from '@/lib/orders/record';
import { applyOrderFact } from '@/lib/orders/transition';
import { stripe } from '@/lib/stripe';

/**
 * A customer who checks out again leaves their previous session unpaid: expire it at Stripe so
 * its held stock returns now rather than in 30 minutes. The expired session is applied through
 * fulfilCheckout, exactly as its `checkout.session.expired` webhook would be (which then finds
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
    await fulfilCheckout(session, { actor: 'customer' });
  } catch (error) {
    // Already complete or expired: its webhook carries the outcome. Anything else: the session
    // still expires by itself at expires_at, and its webhook releases the stock then.
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) {
      console.error(`checkout: could not expire the previous session ${sessionId}:`, error);
    }
  }
}

/**
 * Cancels an order whose Checkout Session was never created (Stripe refused or was unreachable, or
 * the server died before storing it), returning its stock: a fact applied under the order's row
 * lock like every other status change, so it happens once and only to a pending order.
 */
export async function cancelUnpaidOrder(
  orderId: string,
  kind: 'checkout_session_failed' | 'checkout_interrupted',
): Promise<void> {
  const result = await db().transaction(async (tx) => {
    const order = await lockOrderById(tx, orderId);
    return order ? applyOrderFact(tx, order, { kind }, { actor: 'system' }) : null;
  });
  if (result) await afterCommit(effectsOf(result));
}
