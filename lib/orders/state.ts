import type { Order, OrderStatus } from '@/db/schema';
import { summaryChanges, type CheckoutSummary, type SummaryField } from './checkout-summary';

/**
 * The order state machine (DESIGN.md "Order lifecycle") as one pure function. Stripe delivers
 * events neither once nor in order, so every transition only moves forward: a duplicate or late
 * fact finds the order already past it and yields "no change". Facts are our own small shapes,
 * derived from Stripe objects at the boundary (lib/webhooks/, lib/checkout/fulfilment.ts).
 */

export type DisputeStatus = NonNullable<Order['disputeStatus']>;

/** The fields of an order the state machine reads. */
export type OrderSnapshot = Pick<
  Order,
  | 'status'
  | 'captureMethod'
  | 'amountTotal'
  | 'amountRefunded'
  | 'disputeStatus'
  | 'email'
  | 'customerName'
  | 'stripePaymentIntentId'
  | 'amountCaptured'
  | SummaryField
  | 'shippingOptions'
>;

/** Who paid and with what, as far as the Checkout Session says; null = the session does not say. */
export interface CheckoutDetails {
  email: string | null;
  name: string | null;
  paymentIntentId: string | null;
}

export type OrderFact =
  | ({
      kind: 'checkout_completed';
      paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
      /** Null when the session does not say (its payment_intent is not expanded): the order's own applies. */
      captureMethod: 'automatic' | 'manual' | null;
      at: Date;
      summary: CheckoutSummary;
    } & CheckoutDetails)
  | { kind: 'checkout_expired' }
  /** Stripe refused to open the Checkout Session, or was unreachable: nothing can be paid. */
  | { kind: 'checkout_session_failed' }
  /** The server died between reserving the stock and storing the session (found by reconcile). */
  | { kind: 'checkout_interrupted' }
  | ({ kind: 'async_payment_succeeded'; at: Date; summary: CheckoutSummary } & CheckoutDetails)
  | ({ kind: 'async_payment_failed' } & CheckoutDetails)
  // After the payment: authorisation, capture, cancel, refunds, disputes (webhooks and /admin).
  /** `amount`: what the PaymentIntent holds, the Checkout Session's total (shipping, tax, discount). */
  | { kind: 'payment_authorized'; paymentIntentId: string; amount: number }
  | { kind: 'payment_captured'; at: Date; amountCaptured: number }
  | { kind: 'payment_canceled' }
  /** Cumulative amount refunded as far as this fact knows; only ever raises the order's. */
  | { kind: 'refund_updated'; amountRefunded: number }
  /**
   * A refund failed (or was canceled) and its money came back: the order's amount refunded is
   * set to this, lower than before. The one fact that moves a status backwards (refunded →
   * partially_refunded or paid), because the customer was in fact not refunded.
   */
  | { kind: 'refund_failed'; amountRefunded: number }
  | { kind: 'dispute_updated'; disputeStatus: DisputeStatus };

export type OrderFactKind = OrderFact['kind'];

/** Columns a transition may write besides the status. */
export type OrderFieldChanges = Partial<
  Pick<
    Order,
    | 'paidAt'
    | 'amountRefunded'
    | 'disputeStatus'
    | 'email'
    | 'customerName'
    | 'stripePaymentIntentId'
    | 'amountCaptured'
    | 'amountTotal'
    | SummaryField
  >
>;

export interface NextOrderState {
  status: OrderStatus;
  changes: OrderFieldChanges;
  /** True when the order leaves a status that holds reserved stock for one that does not. */
  releasesStock: boolean;
}

/** Statuses whose order still holds the stock reserved at checkout. */
const RESERVING: ReadonlySet<OrderStatus> = new Set(['pending', 'processing', 'authorized']);
/** Statuses that give the stock back: the sale did not happen. */
const UNSOLD: ReadonlySet<OrderStatus> = new Set(['expired', 'canceled', 'failed']);
/**
 * The statuses in which money was taken from the customer (some of it may since be refunded): what
 * revenue sums, what refunds and disputes apply to, what a confirmation email confirms.
 */
export const MONEY_TAKEN_STATUSES = [
  'paid',
  'partially_refunded',
  'refunded',
] as const satisfies readonly OrderStatus[];
const MONEY_TAKEN: ReadonlySet<OrderStatus> = new Set(MONEY_TAKEN_STATUSES);

export function isMoneyTaken(status: OrderStatus): boolean {
  return MONEY_TAKEN.has(status);
}

/** Whether an admin can refund something of the order now: money taken, and some not yet refunded. */
export function isRefundable(
  order: Pick<OrderSnapshot, 'status' | 'amountCaptured' | 'amountTotal' | 'amountRefunded'>,
): boolean {
  return isMoneyTaken(order.status) && refundableAmountOf(order) > 0;
}

// A dispute moves from "needs response" to "under review" to closed; never back.
const DISPUTE_RANK: Record<DisputeStatus, number> = {
  warning_needs_response: 0,
  needs_response: 0,
  warning_under_review: 1,
  under_review: 1,
  warning_closed: 2,
  won: 2,
  lost: 2,
};

/** The order's next state after `fact`, or null when the fact changes nothing. */
export function nextOrderState(order: OrderSnapshot, fact: OrderFact): NextOrderState | null {
  switch (fact.kind) {
    case 'checkout_completed': {
      // A session retrieved after its async payment succeeded says paid: that settles processing.
      if (order.status === 'processing' && fact.paymentStatus === 'paid')
        return move(order, 'paid', paidChanges(order, fact, fact.at));
      if (order.status === 'pending') {
        const manual = (fact.captureMethod ?? order.captureMethod) === 'manual';
        // Manual capture: the card is authorised, nothing is captured until an admin says so.
        if (manual && fact.paymentStatus !== 'no_payment_required')
          return move(order, 'authorized', recordedChanges(order, fact));
        if (fact.paymentStatus === 'unpaid')
          return move(order, 'processing', recordedChanges(order, fact));
        return move(order, 'paid', paidChanges(order, fact, fact.at));
      }
      // Past pending already (payment_intent.amount_capturable_updated authorised it, a capture
      // paid it): the session still brings what it recorded, and to an authorised order, or a
      // paid one still waiting for an email to confirm to, who paid.
      const bringsDetails =
        (order.status === 'authorized' && fact.paymentStatus !== 'paid') ||
        (order.status === 'paid' && order.email === null && Boolean(fact.email));
      return stayWith(order, {
        ...(bringsDetails && detailsOf(order, fact)),
        ...summaryChanges(order, fact.summary),
      });
    }
    case 'async_payment_succeeded':
      // From pending too: the completed event may still be on its way, and this one implies it.
      if (order.status === 'pending' || order.status === 'processing')
        return move(order, 'paid', paidChanges(order, fact, fact.at));
      return stayWith(order, summaryChanges(order, fact.summary));
    case 'async_payment_failed':
      // From pending too: a failed async payment means the session completed unpaid, so the
      // late completed event must not revive the order (failed is final, so it will not).
      if (order.status !== 'pending' && order.status !== 'processing') return null;
      return move(order, 'failed', detailsOf(order, fact));
    case 'checkout_expired':
      // Only an open session expires; once completed, a late expiry means nothing.
      return order.status === 'pending' ? move(order, 'expired', {}) : null;
    case 'checkout_session_failed':
    case 'checkout_interrupted':
      // The session never reached the customer, so only a pending order can be in this state.
      return order.status === 'pending' ? move(order, 'canceled', {}) : null;
    case 'payment_authorized':
      if (order.status !== 'pending') return null;
      return move(order, 'authorized', {
        ...(order.stripePaymentIntentId !== fact.paymentIntentId && {
          stripePaymentIntentId: fact.paymentIntentId,
        }),
        // The hold is the session's total, which its own event may not have brought yet: a
        // capture before it must take the shipping and tax too, and no more than the discount
        // left (a pending order has nothing refunded, so the total can move either way).
        ...(fact.amount > 0 && fact.amount !== order.amountTotal && { amountTotal: fact.amount }),
      });
    case 'payment_captured':
      if (order.status !== 'authorized') return null;
      // A partial capture releases the rest of the authorisation: the order is paid what was taken.
      return move(order, 'paid', {
        paidAt: fact.at,
        amountCaptured: Math.min(Math.max(fact.amountCaptured, 0), order.amountTotal),
      });
    case 'payment_canceled':
      return order.status === 'pending' || order.status === 'authorized'
        ? move(order, 'canceled', {})
        : null;
    case 'refund_updated': {
      if (!isMoneyTaken(order.status)) return null;
      // Stripe reports the cumulative amount refunded; the max makes late reports harmless.
      const amountRefunded = Math.min(
        Math.max(order.amountRefunded, fact.amountRefunded),
        capturedAmountOf(order),
      );
      if (amountRefunded === order.amountRefunded) return null;
      return {
        status: refundStatusOf(order, amountRefunded),
        changes: { amountRefunded },
        releasesStock: false,
      };
    }
    case 'refund_failed': {
      if (!isMoneyTaken(order.status)) return null;
      const amountRefunded = Math.min(Math.max(fact.amountRefunded, 0), capturedAmountOf(order));
      if (amountRefunded === order.amountRefunded) return null;
      return {
        status: refundStatusOf(order, amountRefunded),
        changes: { amountRefunded },
        releasesStock: false,
      };
    }
    case 'dispute_updated': {
      if (!isMoneyTaken(order.status)) return null;
      const current = order.disputeStatus;
      if (current !== null && DISPUTE_RANK[fact.disputeStatus] <= DISPUTE_RANK[current])
        return null;
      return {
        status: order.status,
        changes: { disputeStatus: fact.disputeStatus },
        releasesStock: false,
      };
    }
  }
}

/** What the customer was charged: the total, or less after a partial capture. */
export function capturedAmountOf(
  order: Pick<OrderSnapshot, 'amountCaptured' | 'amountTotal'>,
): number {
  return order.amountCaptured ?? order.amountTotal;
}

/** What is left to refund. */
export function refundableAmountOf(
  order: Pick<OrderSnapshot, 'amountCaptured' | 'amountTotal' | 'amountRefunded'>,
): number {
  return Math.max(capturedAmountOf(order) - order.amountRefunded, 0);
}

function refundStatusOf(order: OrderSnapshot, amountRefunded: number): OrderStatus {
  if (amountRefunded <= 0) return 'paid';
  return amountRefunded >= capturedAmountOf(order) ? 'refunded' : 'partially_refunded';
}

/** Paid: everything the session recorded, and captured its total (the session's, once known). */
function paidChanges(
  order: OrderSnapshot,
  fact: CheckoutDetails & { summary: CheckoutSummary },
  at: Date,
): OrderFieldChanges {
  const recorded = recordedChanges(order, fact);
  return { ...recorded, paidAt: at, amountCaptured: recorded.amountTotal ?? order.amountTotal };
}

function recordedChanges(
  order: OrderSnapshot,
  fact: CheckoutDetails & { summary: CheckoutSummary },
): OrderFieldChanges {
  return { ...detailsOf(order, fact), ...summaryChanges(order, fact.summary) };
}

/** The status stays; the changes are written when there are any and the sale happened. */
function stayWith(order: OrderSnapshot, changes: OrderFieldChanges): NextOrderState | null {
  if (UNSOLD.has(order.status) || Object.keys(changes).length === 0) return null;
  return move(order, order.status, changes);
}

function move(order: OrderSnapshot, to: OrderStatus, changes: OrderFieldChanges): NextOrderState {
  return { status: to, changes, releasesStock: RESERVING.has(order.status) && UNSOLD.has(to) };
}

/** The customer details the session adds, only where they differ from what the order has. */
function detailsOf(order: OrderSnapshot, details: CheckoutDetails): OrderFieldChanges {
  const changes: OrderFieldChanges = {};
  if (details.email && details.email !== order.email) changes.email = details.email;
  if (details.name && details.name !== order.customerName) changes.customerName = details.name;
  if (details.paymentIntentId && details.paymentIntentId !== order.stripePaymentIntentId)
    changes.stripePaymentIntentId = details.paymentIntentId;
  return changes;
}
