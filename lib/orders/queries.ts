import { eq, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type FulfilmentStatus } from '@/db/schema';
import { isUuid } from '@/lib/platform/identifiers';

/** The number of items in the order (`orders` in scope), for lists of orders. */
export const itemCountSql = sql<number>`(SELECT coalesce(sum(quantity), 0)::int FROM order_items WHERE order_items.order_id = orders.id)`;

export async function orderCurrency(orderId: string): Promise<string | null> {
  const [row] = await db()
    .select({ currency: orders.currency })
    .from(orders)
    .where(eq(orders.id, orderId));
  return row?.currency ?? null;
}

/** Where the order's goods are (null: nothing to ship, or no such order). */
export async function orderFulfilmentStatus(orderId: string): Promise<FulfilmentStatus | null> {
  if (!isUuid(orderId)) return null;
  const [row] = await db()
    .select({ fulfilmentStatus: orders.fulfilmentStatus })
    .from(orders)
    .where(eq(orders.id, orderId));
  return row?.fulfilmentStatus ?? null;
}
