import { describe, expect, it } from 'vitest';
import type { FulfilmentStatus, OrderStatus } from '@/db/schema';
import {
  disputeShippingWarning,
  FRAUD_HOLD_MESSAGE,
  nextFulfilment,
  type FulfilmentOrder,
  type FulfilmentStep,
} from '@/lib/shipments/state';

function order(
  fulfilmentStatus: FulfilmentStatus | null,
  status: OrderStatus = 'paid',
  parcel: Partial<FulfilmentOrder> = {},
): FulfilmentOrder {
  return {
    number: 1042,
    status,
    fulfilmentStatus,
    shippingCarrier: null,
    trackingNumber: null,
    ...parcel,
  };
}

const ship: FulfilmentStep = {
  kind: 'ship',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  isHeld: false,
  shipAnyway: false,
};

describe('fulfilment rules', () => {
  it('ships a paid or partially refunded order that waits to ship', () => {
    for (const status of ['paid', 'partially_refunded'] as const)
      expect(nextFulfilment(order('unfulfilled', status), ship)).toEqual({
        kind: 'move',
        from: 'unfulfilled',
        to: 'shipped',
        heldOverridden: false,
      });
  });

  it('refuses every step on an order with nothing to ship', () => {
    for (const step of [ship, { kind: 'deliver' }, { kind: 'return' }] as FulfilmentStep[])
      expect(nextFulfilment(order(null), step)).toEqual({
        kind: 'refused',
        message: 'Order 1042 has nothing to ship: none of its items ship.',
      });
  });

  it('says why an order that is not paid cannot ship', () => {
    const reasons: Array<[OrderStatus, string]> = [
      ['pending', 'it is not paid yet'],
      ['processing', 'its payment has not cleared yet'],
      ['authorized', 'its payment is only authorized; capture it first'],
      ['failed', 'its payment failed'],
      ['expired', 'its checkout expired unpaid'],
      ['canceled', 'it was canceled'],
      ['refunded', 'it was refunded in full'],
    ];
    for (const [status, why] of reasons)
      expect(nextFulfilment(order('unfulfilled', status), ship)).toEqual({
        kind: 'refused',
        message: `Order 1042 cannot be shipped: ${why}.`,
      });
  });

  it('moves only forward: shipped → delivered, shipped or delivered → returned', () => {
    expect(nextFulfilment(order('shipped'), { kind: 'deliver' })).toMatchObject({
      kind: 'move',
      to: 'delivered',
    });
    expect(nextFulfilment(order('shipped'), { kind: 'return' })).toMatchObject({
      kind: 'move',
      to: 'returned',
    });
    expect(nextFulfilment(order('delivered'), { kind: 'return' })).toMatchObject({
      kind: 'move',
      from: 'delivered',
      to: 'returned',
    });
    expect(nextFulfilment(order('unfulfilled'), { kind: 'deliver' })).toEqual({
      kind: 'refused',
      message: 'Order 1042 has not been shipped yet: mark it shipped first.',
    });
    expect(nextFulfilment(order('unfulfilled'), { kind: 'return' })).toEqual({
      kind: 'refused',
      message:
        'Order 1042 has not been shipped: only a shipped or delivered order can be returned.',
    });
    expect(nextFulfilment(order('returned'), { kind: 'deliver' })).toMatchObject({
      kind: 'refused',
    });
    expect(nextFulfilment(order('returned'), ship)).toEqual({
      kind: 'refused',
      message: 'Order 1042 was returned: it cannot be shipped again.',
    });
    expect(nextFulfilment(order('delivered'), ship)).toEqual({
      kind: 'refused',
      message: 'Order 1042 was already delivered.',
    });
  });

  it('a repeated step changes nothing, unless it names another parcel', () => {
    const shipped = order('shipped', 'paid', {
      shippingCarrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    expect(nextFulfilment(shipped, ship)).toEqual({
      kind: 'unchanged',
      message: 'Order 1042 is already shipped (UPS 1Z999AA10123456784).',
    });
    expect(nextFulfilment(shipped, { ...ship, trackingNumber: 'OTHER1' })).toEqual({
      kind: 'refused',
      message: 'Order 1042 is already shipped with UPS 1Z999AA10123456784.',
    });
    expect(nextFulfilment(order('delivered'), { kind: 'deliver' })).toMatchObject({
      kind: 'unchanged',
    });
    expect(nextFulfilment(order('returned'), { kind: 'return' })).toMatchObject({
      kind: 'unchanged',
    });
  });

  it('delivery and return follow a shipment even after the order was refunded', () => {
    expect(nextFulfilment(order('shipped', 'refunded'), { kind: 'return' })).toMatchObject({
      kind: 'move',
      to: 'returned',
    });
    expect(nextFulfilment(order('shipped', 'refunded'), { kind: 'deliver' })).toMatchObject({
      kind: 'move',
      to: 'delivered',
    });
  });

  it('holds an order Stripe warned about until the admin ships it anyway', () => {
    expect(nextFulfilment(order('unfulfilled'), { ...ship, isHeld: true })).toEqual({
      kind: 'refused',
      message: FRAUD_HOLD_MESSAGE,
    });
    expect(
      nextFulfilment(order('unfulfilled'), { ...ship, isHeld: true, shipAnyway: true }),
    ).toEqual({ kind: 'move', from: 'unfulfilled', to: 'shipped', heldOverridden: true });
    // "Ship anyway" without a hold overrides nothing.
    expect(nextFulfilment(order('unfulfilled'), { ...ship, shipAnyway: true })).toMatchObject({
      heldOverridden: false,
    });
    // The payment rule comes first: a refunded order is not shippable, held or not.
    expect(
      nextFulfilment(order('unfulfilled', 'refunded'), { ...ship, isHeld: true, shipAnyway: true }),
    ).toMatchObject({
      kind: 'refused',
      message: 'Order 1042 cannot be shipped: it was refunded in full.',
    });
  });

  it('warns before shipping a disputed order, not one whose dispute ended in the shop’s favour', () => {
    expect(disputeShippingWarning('needs_response')).toMatch(/^Disputed: response needed: /);
    expect(disputeShippingWarning('lost')).toMatch(/^Dispute lost: /);
    expect(disputeShippingWarning('won')).toBeNull();
    expect(disputeShippingWarning('warning_closed')).toBeNull();
    expect(disputeShippingWarning(null)).toBeNull();
  });
});
