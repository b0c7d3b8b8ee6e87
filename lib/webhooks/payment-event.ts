import type { Order } from '@/db/schema';
import type { TransitionResult } from '@/lib/order-transition';
import { lockOrderByPaymentIntent, type PaymentLocator } from '@/lib/orders';
import type { Executor } from '@/lib/reservations';
import type { HandledEvent } from './handler';

/** What applying a payment event to its order did. */
export interface PaymentEventEffect {
  transition: TransitionResult;
  queuedEmailIds?: number[];
  /** Said instead of "stays <status>" when nothing changed for a reason worth recording. */
  unchangedBecause?: string;
}

/**
 * The shared shell of the PaymentIntent, charge, refund and dispute handlers: lock the order the
 * payment belongs to, apply, and describe the result in the one line stripe_events keeps. An
 * unknown payment (another integration's, or an order deleted) is recorded and ignored.
 */
export async function applyToPaymentOrder(
  tx: Executor,
  locator: PaymentLocator,
  apply: (order: Order) => Promise<PaymentEventEffect>,
): Promise<HandledEvent> {
  const order = await lockOrderByPaymentIntent(tx, locator);
  if (!order) {
    return {
      kind: 'ignored',
      detail: `no order for payment ${locator.paymentIntentId ?? locator.orderId ?? '(none)'}`,
      queuedEmailIds: [],
      releasedStock: false,
    };
  }
  const { transition, queuedEmailIds = [], unchangedBecause } = await apply(order);
  const name = `order ${transition.orderNumber}`;
  const emails = [...queuedEmailIds];
  if (transition.queuedEmailId !== null) emails.push(transition.queuedEmailId);
  return {
    kind: 'processed',
    detail: transition.changed
      ? `${name} ${transition.fromStatus} → ${transition.status}`
      : `${name} stays ${transition.status}${unchangedBecause ? ` (${unchangedBecause})` : ''}`,
    queuedEmailIds: emails,
    releasedStock: transition.releasedStock,
  };
}

/** Stripe fields that hold an id, or the expanded object. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

export function eventTime(event: { created: number }): Date {
  return new Date(event.created * 1000);
}
