import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type FulfilmentStatus } from '@/db/schema';
import { isUuid } from '@/lib/platform/identifiers';

/**
 * Refunding or canceling an order whose goods are with the customer usually loses the goods too,
 * so the admin confirms it explicitly (a separate form field, checked here on the server, not only
 * in the browser). Returned goods are back: no confirmation then.
 */
export function hasShipped(status: FulfilmentStatus | null): boolean {
  return status === 'shipped' || status === 'delivered';
}

export const SHIPPED_REFUND_QUESTION = 'This order has shipped: refund anyway?';
export const SHIPPED_CANCEL_QUESTION = 'This order has shipped: cancel anyway?';

/** The form field that carries the confirmation, and the value it must hold. */
export const CONFIRM_SHIPPED_FIELD = 'confirmShipped';
export const CONFIRMED = 'yes';

/** Whether the order with this id has shipped (false for an unknown id: the operation says so). */
export async function isOrderShipped(orderId: string): Promise<boolean> {
  if (!isUuid(orderId)) return false;
  const [order] = await db()
    .select({ fulfilmentStatus: orders.fulfilmentStatus })
    .from(orders)
    .where(eq(orders.id, orderId));
  return hasShipped(order?.fulfilmentStatus ?? null);
}
