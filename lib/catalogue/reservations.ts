import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orderItems, products } from '@/db/schema';

export interface ReservationLine {
  productId: string;
  quantity: number;
}

/**
 * Takes `quantity` of each product out of stock, all or nothing, inside the caller's transaction.
 * Each decrement is one conditional UPDATE (`stock >= quantity`), never read-modify-write, so
 * concurrent checkouts cannot oversell: the loser's UPDATE matches no row. Unlimited stock (null)
 * is left alone. Returns the products that could not be reserved, with what is left of each.
 */
export async function reserveStock(
  tx: Executor,
  lines: ReservationLine[],
): Promise<{ shortages: Array<{ productId: string; available: number }> }> {
  const shortages: Array<{ productId: string; available: number }> = [];
  // Lock rows in a fixed order (by id, compared as Postgres compares uuids: byte by byte, which for
  // lowercase hex strings is plain string order) so two carts with the same products cannot deadlock.
  const ordered = [...lines].sort((a, b) =>
    a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
  );
  for (const line of ordered) {
    const updated = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${line.quantity}`, updatedAt: new Date() })
      .where(
        and(
          eq(products.id, line.productId),
          isNotNull(products.stock),
          gte(products.stock, line.quantity),
        ),
      )
      .returning({ id: products.id });
    if (updated.length > 0) continue;
    const [current] = await tx
      .select({ stock: products.stock })
      .from(products)
      .where(eq(products.id, line.productId));
    if (current && current.stock === null) continue;
    shortages.push({ productId: line.productId, available: current?.stock ?? 0 });
  }
  return { shortages };
}

/**
 * Puts an order's reserved quantities back. Call it only in the transaction that moves the order
 * out of a reserving status (pending, processing, authorized) into expired, canceled or failed:
 * the status change happens once under the order's row lock, so the release happens once.
 */
export async function releaseStock(tx: Executor, orderId: string): Promise<void> {
  // Lock the product rows in id order first, as reserveStock does, so a release and a reservation
  // touching the same products cannot deadlock.
  await tx.execute(sql`
    WITH locked AS (
      SELECT p.id, i.quantity
        FROM ${products} AS p
        JOIN ${orderItems} AS i ON i.product_id = p.id
       WHERE i.order_id = ${orderId} AND p.stock IS NOT NULL
       ORDER BY p.id
         FOR UPDATE OF p
    )
    UPDATE ${products} AS p
       SET stock = p.stock + locked.quantity, updated_at = now()
      FROM locked
     WHERE p.id = locked.id`);
}
