import { asc, desc, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import {
  emailOutbox,
  orderEvents,
  orderItems,
  orders,
  refunds,
  type EmailOutbox,
  type Order,
  type OrderEvent,
  type OrderItem,
  type Refund,
} from '@/db/schema';
import { env } from '@/lib/env';
import { fraudHoldOf } from '@/lib/shipments/fraud-hold';
import { isRealStripe } from '@/lib/stripe';

export interface OrderDetail {
  order: Order;
  items: OrderItem[];
  events: OrderEvent[];
  refunds: Refund[];
  mail: Array<
    Pick<EmailOutbox, 'id' | 'kind' | 'recipient' | 'status' | 'attempts' | 'sentAt' | 'createdAt'>
  >;
  /** The early fraud warning that holds shipping, if any (lib/shipments/fraud-hold.ts). */
  fraudHold: Awaited<ReturnType<typeof fraudHoldOf>>;
}

/** Everything the order page shows, by the number people use ("order 1042"). */
export async function findOrderDetail(number: number): Promise<OrderDetail | null> {
  if (!Number.isSafeInteger(number) || number < 1 || number > 2 ** 31 - 1) return null;
  const [order] = await db().select().from(orders).where(eq(orders.number, number));
  if (!order) return null;
  const [items, events, orderRefunds, mail, fraudHold] = await Promise.all([
    db()
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(asc(orderItems.id)),
    db()
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.at), asc(orderEvents.id)),
    db()
      .select()
      .from(refunds)
      .where(eq(refunds.orderId, order.id))
      .orderBy(desc(refunds.createdAt)),
    db()
      .select({
        id: emailOutbox.id,
        kind: emailOutbox.kind,
        recipient: emailOutbox.recipient,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        sentAt: emailOutbox.sentAt,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(eq(emailOutbox.orderId, order.id))
      .orderBy(asc(emailOutbox.id)),
    fraudHoldOf(db(), order.id),
  ]);
  return { order, items, events, refunds: orderRefunds, mail, fraudHold };
}

/** A link into Stripe's Dashboard for a PaymentIntent or Checkout Session, or null on the emulator. */
export function stripeDashboardUrl(id: string): string | null {
  if (!isRealStripe()) return null;
  const mode = env().STRIPE_SECRET_KEY?.includes('_live_') ? '' : 'test/';
  if (id.startsWith('pi_')) return `https://dashboard.stripe.com/${mode}payments/${id}`;
  if (id.startsWith('cs_')) return `https://dashboard.stripe.com/${mode}checkout/sessions/${id}`;
  if (id.startsWith('re_')) return `https://dashboard.stripe.com/${mode}refunds/${id}`;
  if (id.startsWith('evt_')) return `https://dashboard.stripe.com/${mode}events/${id}`;
  if (id.startsWith('cus_')) return `https://dashboard.stripe.com/${mode}customers/${id}`;
  return null;
}

/** The order's currency, to read an amount typed in an admin form; null when there is no such order. */
