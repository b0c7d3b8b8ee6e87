import { isUuid } from '@/lib/platform/identifiers';
import type { Executor } from '@/db/client';
import { asc, eq } from 'drizzle-orm';
import { orderEvents, orderItems, orders, type Order, type OrderItem } from '@/db/schema';

/** How Stripe objects point at an order: our id in metadata, and the Checkout Session id we stored. */
export interface OrderLocator {
  orderId: string | null;
  checkoutSessionId: string;
}

/**
 * Finds the order and takes its row lock (SELECT ... FOR UPDATE) for the rest of the caller's
 * transaction: every change to an order's status happens under this lock, so concurrent webhooks
 * and success-page fulfilments see each other's result instead of racing.
 */
export async function lockOrder(tx: Executor, locator: OrderLocator): Promise<Order | null> {
  // A malformed metadata id would make Postgres reject the query (and Stripe retry forever).
  if (locator.orderId && isUuid(locator.orderId)) {
    const [byId] = await tx
      .select()
      .from(orders)
      .where(eq(orders.id, locator.orderId))
      .for('update');
    if (byId) return byId;
  }
  const [bySession] = await tx
    .select()
    .from(orders)
    .where(eq(orders.stripeCheckoutSessionId, locator.checkoutSessionId))
    .for('update');
  return bySession ?? null;
}

/** lockOrder for callers that hold our own id (the admin's operations). */
export async function lockOrderById(tx: Executor, orderId: string): Promise<Order | null> {
  if (!isUuid(orderId)) return null;
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  return order ?? null;
}

/** How charge, refund and dispute events point at an order: their PaymentIntent, and our id if set. */
export interface PaymentLocator {
  paymentIntentId: string | null;
  orderId: string | null;
}

/**
 * lockOrder for events about the payment rather than the session. The PaymentIntent id is stored
 * when the session completes; before that (events are not ordered) the metadata's order id finds
 * the order, unless it already belongs to another PaymentIntent.
 */
export async function lockOrderByPaymentIntent(
  tx: Executor,
  locator: PaymentLocator,
): Promise<Order | null> {
  if (locator.paymentIntentId) {
    const [byIntent] = await tx
      .select()
      .from(orders)
      .where(eq(orders.stripePaymentIntentId, locator.paymentIntentId))
      .for('update');
    if (byIntent) return byIntent;
  }
  if (!locator.orderId || !isUuid(locator.orderId)) return null;
  const [byId] = await tx.select().from(orders).where(eq(orders.id, locator.orderId)).for('update');
  if (!byId) return null;
  const belongsElsewhere =
    byId.stripePaymentIntentId !== null && byId.stripePaymentIntentId !== locator.paymentIntentId;
  return belongsElsewhere ? null : byId;
}

export async function orderItemsOf(tx: Executor, orderId: string): Promise<OrderItem[]> {
  return tx
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
}

export type NewOrderEvent = typeof orderEvents.$inferInsert;

/** Appends one row to the order's timeline; call it in the transaction that made the change. */
export async function recordOrderEvent(tx: Executor, event: NewOrderEvent): Promise<void> {
  await tx.insert(orderEvents).values(event);
}
