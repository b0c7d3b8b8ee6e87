import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { db, type Executor } from '@/db/client';
import { orderItems, orders } from '@/db/schema';
import { env } from '@/lib/env';

/**
 * How much stock one checkout, and one client, may hold at once. Every unit in an unpaid checkout
 * is kept from other shoppers for half an hour, paid or not, so without a cap one client could
 * hold the whole catalogue (the cart alone takes 50 lines of 99). The limits are settings
 * (CHECKOUT_MAX_ITEMS, CHECKOUT_MAX_ITEMS_PER_CLIENT); a client is its address, from clientKey.
 */
export interface HoldLimits {
  perCheckout: number;
  perClient: number;
}

/** The limits in force, from the settings. */
export function holdLimits(): HoldLimits {
  const config = env();
  return {
    perCheckout: config.CHECKOUT_MAX_ITEMS,
    perClient: config.CHECKOUT_MAX_ITEMS_PER_CLIENT,
  };
}

export interface HoldRefusal {
  message: string;
  problems: string[];
}

const CART_KEPT = 'Your cart is saved as it is.';

/** A cart of `units` against what one checkout may hold. Pure. */
export function checkoutSizeRefusal(units: number, limits: HoldLimits): HoldRefusal | null {
  if (units <= limits.perCheckout) return null;
  return {
    message: `One order can hold at most ${limits.perCheckout} items, and your cart has ${units}.`,
    problems: [`Lower some quantities to ${limits.perCheckout} items or fewer. ${CART_KEPT}`],
  };
}

/** A checkout of `units` from a client whose other unpaid checkouts hold `held`. Pure. */
export function clientHoldRefusal(
  units: number,
  held: number,
  limits: HoldLimits,
): HoldRefusal | null {
  if (held + units <= limits.perClient) return null;
  return {
    message: `Checkouts already open from your connection hold ${held} items, and one connection can hold at most ${limits.perClient} at once.`,
    problems: [
      `This order would add ${units}. Pay for or cancel the open checkouts, or wait up to 30 minutes for them to expire. ${CART_KEPT}`,
    ],
  };
}

// Namespace of the client-hold advisory locks (the first of pg_advisory_xact_lock's two keys).
const HOLD_LOCK = 1_326_009;

/**
 * Holds the client's lock until the caller's transaction ends: two checkouts from one client at
 * once would otherwise each count the other's units as not yet held and both fit under the cap.
 */
export async function lockClientHolds(tx: Executor, clientKey: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${HOLD_LOCK}::int, hashtext(${clientKey}))`);
}

/** Units the client's unpaid checkouts (pending orders) hold now. Call under lockClientHolds. */
export async function unitsHeldBy(tx: Executor, clientKey: string): Promise<number> {
  const [row] = await tx
    .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(and(eq(orders.status, 'pending'), eq(orders.clientKey, clientKey)));
  return row?.units ?? 0;
}

/**
 * The Checkout Sessions of the client's earlier unpaid checkouts, oldest first: the same address
 * and the same account (or both guests). A shopper who lost their `checkout_session` cookie (a
 * private window, cleared cookies, a hoarder dropping it on purpose) is found again by these.
 * Another signed-in account behind the same address is someone else: theirs are left alone.
 */
export async function openCheckoutsOf(clientKey: string, userId: string | null): Promise<string[]> {
  const rows = await db()
    .select({ sessionId: orders.stripeCheckoutSessionId })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'pending'),
        eq(orders.clientKey, clientKey),
        sql`${orders.userId} IS NOT DISTINCT FROM ${userId}`,
        isNotNull(orders.stripeCheckoutSessionId),
      ),
    )
    .orderBy(asc(orders.createdAt));
  return rows.map((row) => row.sessionId!);
}
