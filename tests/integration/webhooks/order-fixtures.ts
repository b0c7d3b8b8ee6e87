import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import {
  emailOutbox,
  orderEvents,
  orderItems,
  orders,
  products,
  stripeEvents,
  type Order,
} from '@/db/schema';
import { reserveStock } from '@/lib/catalogue/reservations';

/**
 * A pending order as the checkout action leaves it: stock reserved, order and items inserted, the
 * Checkout Session id stored. Each call makes its own product (unique slug), so test files running
 * in parallel never share rows.
 */
export async function pendingOrder(
  options: {
    stock?: number;
    quantity?: number;
    captureMethod?: 'automatic' | 'manual';
    sessionId?: string | null;
  } = {},
): Promise<{ order: Order; productId: string; stockBefore: number }> {
  const stock = options.stock ?? 10;
  const quantity = options.quantity ?? 2;
  const suffix = randomBytes(6).toString('hex');
  return db().transaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({
        slug: `test-mug-${suffix}`,
        name: `Test mug ${suffix}`,
        unitAmount: 2500,
        currency: 'usd',
        stock,
      })
      .returning();
    const { shortages } = await reserveStock(tx, [{ productId: product!.id, quantity }]);
    if (shortages.length > 0) throw new Error('fixture could not reserve stock');
    const [order] = await tx
      .insert(orders)
      .values({
        currency: 'usd',
        amountSubtotal: 2500 * quantity,
        amountTotal: 2500 * quantity,
        captureMethod: options.captureMethod ?? 'automatic',
        stripeCheckoutSessionId: options.sessionId ?? null,
      })
      .returning();
    await tx.insert(orderItems).values({
      orderId: order!.id,
      productId: product!.id,
      name: product!.name,
      unitAmount: 2500,
      quantity,
    });
    return { order: order!, productId: product!.id, stockBefore: stock };
  });
}

export async function setSessionId(orderId: string, sessionId: string): Promise<void> {
  await db()
    .update(orders)
    .set({ stripeCheckoutSessionId: sessionId })
    .where(eq(orders.id, orderId));
}

export async function orderNow(orderId: string): Promise<Order> {
  const [row] = await db().select().from(orders).where(eq(orders.id, orderId));
  return row!;
}

export async function stockOf(productId: string): Promise<number | null> {
  const [row] = await db()
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.id, productId));
  return row!.stock;
}

export async function timelineOf(orderId: string) {
  return db()
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
}

export async function outboxOf(orderId: string) {
  return db().select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId));
}

export async function recordedEvent(eventId: string) {
  const [row] = await db()
    .select()
    .from(stripeEvents)
    .where(and(eq(stripeEvents.id, eventId)));
  return row;
}
