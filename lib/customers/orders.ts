import { itemCountSql } from '@/lib/orders/queries';
import { isUuid } from '@/lib/platform/identifiers';
import { and, asc, desc, eq, isNotNull, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { orderItems, orders, refunds, type OrderStatus } from '@/db/schema';
import { orderSummaryColumns, type OrderSummary } from '@/lib/orders/summary';

import type { Customer } from './session';

/** Checkouts that were started but never paid are not orders the customer placed. */
const NEVER_PLACED: OrderStatus[] = ['pending', 'expired'];

export interface CustomerOrderSummary {
  id: string;
  number: number;
  status: OrderStatus;
  currency: string;
  amountTotal: number;
  createdAt: Date;
  itemCount: number;
}

export interface CustomerOrderDetail extends OrderSummary {
  id: string;
  number: number;
  status: OrderStatus;
  disputeStatus: (typeof orders.$inferSelect)['disputeStatus'];
  email: string | null;
  amountRefunded: number;
  createdAt: Date;
  paidAt: Date | null;
  /** Where the goods are, with the parcel's carrier and tracking (components/shipment-status.tsx). */
  fulfilmentStatus: (typeof orders.$inferSelect)['fulfilmentStatus'];
  shippingCarrier: string | null;
  trackingNumber: string | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  returnedAt: Date | null;
  items: Array<{ name: string; unitAmount: number; quantity: number }>;
  refunds: Array<{ amount: number; currency: string; status: string; createdAt: Date }>;
}

/**
 * The orders that are the customer's: placed while signed in, or placed as a guest with the
 * address they have proven they own (the emailed link). An order placed by another account is
 * never theirs, even with the same address.
 */
export function ownedBy(customer: Customer): SQL {
  return or(
    eq(orders.userId, customer.id),
    and(isNull(orders.userId), sql`lower(${orders.email}) = lower(${customer.email})`),
  )!;
}

export async function listCustomerOrders(customer: Customer): Promise<CustomerOrderSummary[]> {
  return db()
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      currency: orders.currency,
      amountTotal: orders.amountTotal,
      createdAt: orders.createdAt,
      itemCount: itemCountSql,
    })
    .from(orders)
    .where(and(ownedBy(customer), placed()))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(200);
}

/**
 * One order, for whoever may see it: its owner (`customer`), or anyone holding its signed link
 * (`viaLink`, checked by the caller). Null otherwise: "not yours" and "no such order" look alike.
 */
export async function findCustomerOrder(
  orderId: string,
  access: { customer: Customer } | { viaLink: true },
): Promise<CustomerOrderDetail | null> {
  if (!isUuid(orderId)) return null;
  const [order] = await db()
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      disputeStatus: orders.disputeStatus,
      email: orders.email,
      ...orderSummaryColumns,
      amountRefunded: orders.amountRefunded,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      fulfilmentStatus: orders.fulfilmentStatus,
      shippingCarrier: orders.shippingCarrier,
      trackingNumber: orders.trackingNumber,
      shippedAt: orders.shippedAt,
      deliveredAt: orders.deliveredAt,
      returnedAt: orders.returnedAt,
    })
    .from(orders)
    .where(and(eq(orders.id, orderId), 'customer' in access ? ownedBy(access.customer) : undefined))
    .limit(1);
  if (!order) return null;
  const [items, orderRefunds] = await Promise.all([
    db()
      .select({
        name: orderItems.name,
        unitAmount: orderItems.unitAmount,
        quantity: orderItems.quantity,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(asc(orderItems.id)),
    db()
      .select({
        amount: refunds.amount,
        currency: refunds.currency,
        status: refunds.status,
        createdAt: refunds.createdAt,
      })
      .from(refunds)
      .where(eq(refunds.orderId, order.id))
      .orderBy(asc(refunds.createdAt)),
  ]);
  return { ...order, items, refunds: orderRefunds };
}

/** Canceled orders count only when a payment was made (an authorisation later released). */
function placed(): SQL {
  return and(
    notInArray(orders.status, NEVER_PLACED),
    or(sql`${orders.status} <> 'canceled'`, isNotNull(orders.stripePaymentIntentId)),
  )!;
}
