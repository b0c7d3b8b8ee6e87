import { asc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderItems, orders, type OrderStatus } from '@/db/schema';
import { orderSummaryColumns, type OrderSummary } from '@/lib/orders/summary';

export interface OrderConfirmation extends OrderSummary {
  id: string;
  number: number;
  status: OrderStatus;
  email: string | null;
  customerName: string | null;
  amountRefunded: number;
  items: Array<{ name: string; unitAmount: number; quantity: number }>;
}

/** The order a Checkout Session paid for, with its items, or null when no order has that session. */
export async function findOrderByCheckoutSession(
  sessionId: string,
): Promise<OrderConfirmation | null> {
  const [order] = await db()
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      email: orders.email,
      customerName: orders.customerName,
      ...orderSummaryColumns,
      amountRefunded: orders.amountRefunded,
    })
    .from(orders)
    .where(eq(orders.stripeCheckoutSessionId, sessionId));
  if (!order) return null;
  const items = await db()
    .select({
      name: orderItems.name,
      unitAmount: orderItems.unitAmount,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.id));
  return { ...order, items };
}
