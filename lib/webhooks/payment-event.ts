import type { Executor } from '@/db/client';
import type { Order } from '@/db/schema';
import type { TransitionResult } from '@/lib/orders/transition';
import { lockOrderByPaymentIntent, type PaymentLocator } from '@/lib/orders/record';
import type { HandledEvent } from './handler';

/** What applying a payment event to its order did. */
export interface PaymentEventEffect {
  transition: TransitionResult;
  queuedEmailIds?: number[];
  /** Said instead of "stays <status>" when nothing changed for a reason worth recording. */
  unchangedBecause?: string;
}

/**
 * Events are not ordered: a refund or dispute can arrive before the checkout.session.completed
 * that stores the order's PaymentIntent id, and a capture before the authorisation it captures.
 * For this long after the event, such an event waits in the inbox (lib/webhooks/inbox.ts) and is
 * applied as soon as an order holds its payment past pending. After that it is someone else's
 * payment (or an order that never got further), recorded and ignored.
 */
export const UNKNOWN_PAYMENT_GRACE_MS = 60 * 60 * 1000;

/** Thrown by a handler whose event must wait until an order holds `payment` past pending. */
export class PaymentNotYetKnown extends Error {
  constructor(
    readonly payment: string,
    reason = "no order holds it yet; its session's events may still be on their way",
  ) {
    super(`waiting for payment ${payment}: ${reason}`);
    this.name = 'PaymentNotYetKnown';
  }
}

/**
 * The shared shell of the PaymentIntent, charge, refund and dispute handlers: lock the order the
 * payment belongs to, apply, and describe the result in the one line stripe_events keeps. An
 * unknown payment (another integration's, or an order deleted) is recorded and ignored.
 * `needsPaymentApplied`: the event (a capture) means nothing to an order whose authorisation or
 * checkout has not been applied yet, so while the order is pending it waits for them.
 */
export async function applyToPaymentOrder(
  tx: Executor,
  event: { created: number },
  locator: PaymentLocator,
  apply: (order: Order) => Promise<PaymentEventEffect>,
  options: { needsPaymentApplied?: boolean } = {},
): Promise<HandledEvent> {
  const order = await lockOrderByPaymentIntent(tx, locator);
  const isRecent = Date.now() - eventTime(event).getTime() < UNKNOWN_PAYMENT_GRACE_MS;
  if (!order) {
    const payment = locator.paymentIntentId ?? locator.orderId ?? '(none)';
    if (locator.paymentIntentId && isRecent) throw new PaymentNotYetKnown(payment);
    return {
      kind: 'ignored',
      detail: `no order for payment ${payment}`,
      queuedEmailIds: [],
      releasedStock: false,
    };
  }
  if (
    options.needsPaymentApplied &&
    order.status === 'pending' &&
    locator.paymentIntentId &&
    isRecent
  )
    throw new PaymentNotYetKnown(
      locator.paymentIntentId,
      `order ${order.number} is still pending: its authorisation or checkout is not applied yet`,
    );
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

/**
 * Every store order's PaymentIntent carries `order_id` metadata (Checkout copies
 * payment_intent_data.metadata onto it). One without it is a subscription invoice's payment or
 * another integration's: ignored at once, never deferred as "not yet known".
 */
export function ignoredAsNotAnOrderPayment(intent: {
  id: string;
  metadata: Record<string, string> | null;
}): HandledEvent | null {
  if (intent.metadata?.order_id) return null;
  return {
    kind: 'ignored',
    detail: `payment ${intent.id} is no order's (no order_id metadata)`,
    queuedEmailIds: [],
    releasedStock: false,
  };
}

export function eventTime(event: { created: number }): Date {
  return new Date(event.created * 1000);
}
