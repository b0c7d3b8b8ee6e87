import type { FulfilmentStatus, Order, OrderStatus } from '@/db/schema';
import { disputeLabel } from '@/lib/orders/status';

/**
 * The fulfilment rules, a pure function of the order (read under its row lock) and what the admin
 * asked for:
 * 1. An order with nothing to ship (fulfilmentStatus null) has no fulfilment: every step refuses.
 * 2. Only a paid order ships: paid or partially refunded. Any other payment status refuses, saying
 *    why (not paid yet, authorized only, refunded, ...).
 * 3. Forward only: unfulfilled → shipped → delivered; shipped or delivered → returned. Nothing
 *    comes back from returned, and delivered does not go back to shipped.
 * 4. Asking for the step the order already took changes nothing and is not an error (two posts
 *    of "Mark shipped" ship once), unless it names another parcel than the one recorded.
 * 5. An order Stripe warned about (an actionable early fraud warning) is held: it ships only
 *    when the admin confirms "Ship anyway".
 * Delivered and returned follow shipping, so they need no payment rule of their own: a parcel
 * that was shipped can still arrive, or come back, after the order was refunded.
 */

export type FulfilmentStep =
  | { kind: 'ship'; carrier: string; trackingNumber: string; isHeld: boolean; shipAnyway: boolean }
  | { kind: 'deliver' }
  | { kind: 'return' };

export type FulfilmentOrder = Pick<
  Order,
  'number' | 'status' | 'fulfilmentStatus' | 'shippingCarrier' | 'trackingNumber'
>;

export type FulfilmentDecision =
  | { kind: 'move'; from: FulfilmentStatus; to: FulfilmentStatus; heldOverridden: boolean }
  | { kind: 'unchanged'; message: string }
  | { kind: 'refused'; message: string };

/** Rule 2's payment statuses: the orders that ship (and the packing list's). */
export const SHIPPABLE_STATUSES = ['paid', 'partially_refunded'] as const satisfies OrderStatus[];

/** The message of rule 5, shown on the page and returned when the hold refuses. */
export const FRAUD_HOLD_MESSAGE =
  'Fulfilment is held: Stripe warned this payment may be fraudulent. Refund it, or ship anyway after checking.';

// Why each status cannot ship (rule 2), as the end of "Order 1042 cannot be shipped: …".
const NOT_SHIPPABLE: Record<Exclude<OrderStatus, (typeof SHIPPABLE_STATUSES)[number]>, string> = {
  pending: 'it is not paid yet',
  processing: 'its payment has not cleared yet',
  authorized: 'its payment is only authorized; capture it first',
  failed: 'its payment failed',
  expired: 'its checkout expired unpaid',
  canceled: 'it was canceled',
  refunded: 'it was refunded in full',
};

/** Rule 2: why an order in this payment status cannot ship ("it is not paid yet"), or null when it can. */
export function whyNotShippable(status: OrderStatus): string | null {
  return status in NOT_SHIPPABLE ? NOT_SHIPPABLE[status as keyof typeof NOT_SHIPPABLE] : null;
}

export function nextFulfilment(order: FulfilmentOrder, step: FulfilmentStep): FulfilmentDecision {
  const name = `Order ${order.number}`;
  const from = order.fulfilmentStatus;
  if (from === null)
    return { kind: 'refused', message: `${name} has nothing to ship: none of its items ship.` };
  const move = (to: FulfilmentStatus, heldOverridden = false): FulfilmentDecision => ({
    kind: 'move',
    from,
    to,
    heldOverridden,
  });
  switch (step.kind) {
    case 'ship': {
      if (from === 'shipped') {
        const isSameParcel =
          order.shippingCarrier === step.carrier && order.trackingNumber === step.trackingNumber;
        const recorded = `${order.shippingCarrier} ${order.trackingNumber}`;
        return isSameParcel
          ? { kind: 'unchanged', message: `${name} is already shipped (${recorded}).` }
          : { kind: 'refused', message: `${name} is already shipped with ${recorded}.` };
      }
      if (from === 'delivered')
        return { kind: 'refused', message: `${name} was already delivered.` };
      if (from === 'returned')
        return { kind: 'refused', message: `${name} was returned: it cannot be shipped again.` };
      const unpaid = whyNotShippable(order.status);
      if (unpaid) return { kind: 'refused', message: `${name} cannot be shipped: ${unpaid}.` };
      if (step.isHeld && !step.shipAnyway) return { kind: 'refused', message: FRAUD_HOLD_MESSAGE };
      return move('shipped', step.isHeld);
    }
    case 'deliver':
      if (from === 'delivered')
        return { kind: 'unchanged', message: `${name} is already marked delivered.` };
      if (from === 'unfulfilled')
        return {
          kind: 'refused',
          message: `${name} has not been shipped yet: mark it shipped first.`,
        };
      if (from === 'returned')
        return { kind: 'refused', message: `${name} was returned: it cannot be marked delivered.` };
      return move('delivered');
    case 'return':
      if (from === 'returned')
        return { kind: 'unchanged', message: `${name} is already marked returned.` };
      if (from === 'unfulfilled')
        return {
          kind: 'refused',
          message: `${name} has not been shipped: only a shipped or delivered order can be returned.`,
        };
      return move('returned');
  }
}

/**
 * A warning for whoever is about to ship a disputed order: the bank may take the money back, and
 * the goods would go with it. Null when the dispute is over in the shop's favour (or never was).
 */
export function disputeShippingWarning(status: Order['disputeStatus']): string | null {
  if (status === null || status === 'won' || status === 'warning_closed') return null;
  const label = disputeLabel(status);
  return status === 'lost'
    ? `${label}: the money went back to the customer. Ship only if you mean to.`
    : `${label}: the customer’s bank may take the money back. Consider waiting for the outcome before shipping.`;
}
