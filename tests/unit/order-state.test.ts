import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '@/db/schema';
import { EMPTY_CHECKOUT_SUMMARY } from '@/lib/orders/checkout-summary';
import {
  nextOrderState,
  type OrderFact,
  type OrderFactKind,
  type OrderSnapshot,
} from '@/lib/orders/state';

const at = new Date('2030-01-02T03:04:05Z');
const details = { email: 'ada@example.com', name: 'Ada Lovelace', paymentIntentId: 'pi_123' };

const FACTS: Record<OrderFactKind, OrderFact> = {
  checkout_completed: {
    kind: 'checkout_completed',
    paymentStatus: 'paid',
    captureMethod: null,
    at,
    summary: EMPTY_CHECKOUT_SUMMARY,
    ...details,
  },
  checkout_expired: { kind: 'checkout_expired' },
  checkout_session_failed: { kind: 'checkout_session_failed' },
  checkout_interrupted: { kind: 'checkout_interrupted' },
  async_payment_succeeded: {
    kind: 'async_payment_succeeded',
    at,
    summary: EMPTY_CHECKOUT_SUMMARY,
    ...details,
  },
  async_payment_failed: { kind: 'async_payment_failed', ...details },
  payment_authorized: { kind: 'payment_authorized', paymentIntentId: 'pi_123', amount: 5000 },
  payment_captured: { kind: 'payment_captured', at, amountCaptured: 5000 },
  payment_canceled: { kind: 'payment_canceled' },
  refund_updated: { kind: 'refund_updated', amountRefunded: 1000 },
  refund_failed: { kind: 'refund_failed', amountRefunded: 0 },
  dispute_updated: { kind: 'dispute_updated', disputeStatus: 'needs_response' },
};

function order(status: OrderStatus, overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    status,
    captureMethod: 'automatic',
    amountTotal: 5000,
    amountRefunded: 0,
    disputeStatus: null,
    email: null,
    customerName: null,
    stripePaymentIntentId: null,
    amountCaptured: null,
    amountSubtotal: 5000,
    amountDiscount: 0,
    amountShipping: 0,
    amountTax: 0,
    shippingName: null,
    shippingAddress: null,
    shippingRateId: null,
    shippingRateName: null,
    shippingOptions: null,
    promotionCodeId: null,
    promotionCode: null,
    customerTaxIds: null,
    stripeInvoiceId: null,
    ...overrides,
  };
}

const STATUSES: OrderStatus[] = [
  'pending',
  'processing',
  'authorized',
  'paid',
  'partially_refunded',
  'refunded',
  'failed',
  'expired',
  'canceled',
];

/** status → fact → the status it moves to (absent = no change). */
const TRANSITIONS: Partial<Record<OrderStatus, Partial<Record<OrderFactKind, OrderStatus>>>> = {
  pending: {
    checkout_completed: 'paid',
    checkout_expired: 'expired',
    checkout_session_failed: 'canceled',
    checkout_interrupted: 'canceled',
    async_payment_succeeded: 'paid',
    async_payment_failed: 'failed',
    payment_authorized: 'authorized',
    payment_canceled: 'canceled',
  },
  processing: {
    checkout_completed: 'paid',
    async_payment_succeeded: 'paid',
    async_payment_failed: 'failed',
  },
  authorized: { payment_captured: 'paid', payment_canceled: 'canceled' },
  // checkout_completed: these fixtures have no email yet, and the session brings one.
  paid: {
    checkout_completed: 'paid',
    refund_updated: 'partially_refunded',
    dispute_updated: 'paid',
  },
  partially_refunded: {
    refund_updated: 'partially_refunded',
    refund_failed: 'paid',
    dispute_updated: 'partially_refunded',
  },
  refunded: { refund_failed: 'paid', dispute_updated: 'refunded' },
};

const RELEASES_STOCK = new Set([
  'pending→expired',
  'pending→failed',
  'pending→canceled',
  'processing→failed',
  'authorized→canceled',
]);

describe('nextOrderState: every status against every fact', () => {
  for (const status of STATUSES) {
    for (const [kind, fact] of Object.entries(FACTS) as Array<[OrderFactKind, OrderFact]>) {
      const expected = TRANSITIONS[status]?.[kind];
      // Refund fixtures hold what their status implies: 500 of 5000 refunded, or all of it.
      const refunded = { partially_refunded: 500, refunded: 5000 } as Partial<
        Record<OrderStatus, number>
      >;
      const from = order(status, { amountRefunded: refunded[status] ?? 0 });
      if (expected === undefined) {
        it(`${kind} on a ${status} order changes nothing`, () => {
          expect(nextOrderState(from, fact)).toBeNull();
        });
      } else {
        const releases = RELEASES_STOCK.has(`${status}→${expected}`);
        it(`${kind} moves a ${status} order to ${expected}${releases ? ' and releases its stock' : ''}`, () => {
          const next = nextOrderState(from, fact);
          expect(next?.status).toBe(expected);
          expect(next?.releasesStock).toBe(releases);
        });
      }
    }
  }
});

describe('checkout completion', () => {
  it('marks a paid session paid, with the time and the customer details', () => {
    expect(nextOrderState(order('pending'), FACTS.checkout_completed)).toEqual({
      status: 'paid',
      releasesStock: false,
      changes: {
        paidAt: at,
        amountCaptured: 5000,
        email: 'ada@example.com',
        customerName: 'Ada Lovelace',
        stripePaymentIntentId: 'pi_123',
      },
    });
  });

  it('marks a session completed unpaid (an async method) as processing, with no paid time', () => {
    const next = nextOrderState(order('pending'), {
      ...FACTS.checkout_completed,
      paymentStatus: 'unpaid',
    } as OrderFact);
    expect(next?.status).toBe('processing');
    expect(next?.changes.paidAt).toBeUndefined();
  });

  it('leaves a processing order processing when the session still says unpaid', () => {
    const unpaid = { ...FACTS.checkout_completed, paymentStatus: 'unpaid' } as OrderFact;
    expect(nextOrderState(order('processing'), unpaid)).toBeNull();
  });

  it('marks a manual-capture order authorized, whether the order or the session says manual', () => {
    expect(
      nextOrderState(order('pending', { captureMethod: 'manual' }), FACTS.checkout_completed)
        ?.status,
    ).toBe('authorized');
    expect(
      nextOrderState(order('pending'), {
        ...FACTS.checkout_completed,
        captureMethod: 'manual',
      } as OrderFact)?.status,
    ).toBe('authorized');
  });

  it('gives a paid order without an email the session’s details, and leaves one with an email alone', () => {
    expect(nextOrderState(order('paid'), FACTS.checkout_completed)).toEqual({
      status: 'paid',
      changes: {
        email: 'ada@example.com',
        customerName: 'Ada Lovelace',
        stripePaymentIntentId: 'pi_123',
      },
      releasesStock: false,
    });
    expect(
      nextOrderState(order('paid', { email: 'grace@example.com' }), FACTS.checkout_completed),
    ).toBeNull();
    expect(
      nextOrderState(order('paid'), { ...FACTS.checkout_completed, email: null } as OrderFact),
    ).toBeNull();
  });

  it('marks a free order paid even under manual capture: there is nothing to capture', () => {
    const next = nextOrderState(order('pending', { captureMethod: 'manual', amountTotal: 0 }), {
      ...FACTS.checkout_completed,
      paymentStatus: 'no_payment_required',
    } as OrderFact);
    expect(next?.status).toBe('paid');
  });

  it('only writes the customer details that differ from what the order has', () => {
    const next = nextOrderState(
      order('pending', { email: 'ada@example.com', customerName: 'Ada Lovelace' }),
      FACTS.checkout_completed,
    );
    expect(next?.changes).toEqual({
      paidAt: at,
      amountCaptured: 5000,
      stripePaymentIntentId: 'pi_123',
    });
  });

  it('keeps the order details when the session has none', () => {
    const next = nextOrderState(order('pending', { email: 'known@example.com' }), {
      ...FACTS.checkout_completed,
      email: null,
      name: null,
      paymentIntentId: null,
    } as OrderFact);
    expect(next?.changes).toEqual({ paidAt: at, amountCaptured: 5000 });
  });

  it('fills in the customer details of an order a PaymentIntent event already authorised', () => {
    const next = nextOrderState(order('authorized', { captureMethod: 'manual' }), {
      ...FACTS.checkout_completed,
      paymentStatus: 'unpaid',
    } as OrderFact);
    expect(next).toEqual({
      status: 'authorized',
      releasesStock: false,
      changes: {
        email: 'ada@example.com',
        customerName: 'Ada Lovelace',
        stripePaymentIntentId: 'pi_123',
      },
    });
  });

  it('leaves an authorised order alone when the session adds nothing new', () => {
    const known = order('authorized', {
      captureMethod: 'manual',
      email: 'ada@example.com',
      customerName: 'Ada Lovelace',
      stripePaymentIntentId: 'pi_123',
    });
    expect(
      nextOrderState(known, { ...FACTS.checkout_completed, paymentStatus: 'unpaid' } as OrderFact),
    ).toBeNull();
  });
});

describe('manual capture', () => {
  it('an authorisation records the PaymentIntent on the pending order', () => {
    expect(nextOrderState(order('pending'), FACTS.payment_authorized)).toEqual({
      status: 'authorized',
      changes: { stripePaymentIntentId: 'pi_123' },
      releasesStock: false,
    });
  });

  it('an authorisation before its session is recorded holds the session’s total: shipping and tax above, a discount below', () => {
    for (const amount of [6850, 4500]) {
      const authorised = nextOrderState(order('pending'), {
        kind: 'payment_authorized',
        paymentIntentId: 'pi_123',
        amount,
      });
      expect(authorised).toMatchObject({ status: 'authorized', changes: { amountTotal: amount } });
      // The capture that follows takes all of it, not the cart's subtotal.
      expect(
        nextOrderState(order('authorized', { amountTotal: amount }), {
          kind: 'payment_captured',
          at,
          amountCaptured: amount,
        }),
      ).toMatchObject({ status: 'paid', changes: { amountCaptured: amount } });
    }
  });

  it('a partial capture marks the order paid with the captured amount', () => {
    expect(
      nextOrderState(order('authorized'), { kind: 'payment_captured', at, amountCaptured: 3000 }),
    ).toMatchObject({ status: 'paid', changes: { paidAt: at, amountCaptured: 3000 } });
  });

  it('refunds of a partially captured order are measured against what was captured', () => {
    const captured = order('paid', { amountCaptured: 3000 });
    expect(
      nextOrderState(captured, { kind: 'refund_updated', amountRefunded: 3000 }),
    ).toMatchObject({ status: 'refunded', changes: { amountRefunded: 3000 } });
  });
});

describe('out-of-order and duplicate facts', () => {
  it('a late expiry after payment changes nothing and releases nothing', () => {
    const paid = nextOrderState(order('pending'), FACTS.checkout_completed);
    expect(paid?.status).toBe('paid');
    expect(nextOrderState(order('paid'), FACTS.checkout_expired)).toBeNull();
  });

  it('an async failure before the completion ends failed, and the late completion changes nothing', () => {
    const failed = nextOrderState(order('pending'), FACTS.async_payment_failed);
    expect(failed).toMatchObject({ status: 'failed', releasesStock: true });
    expect(
      nextOrderState(order('failed'), {
        ...FACTS.checkout_completed,
        paymentStatus: 'unpaid',
      } as OrderFact),
    ).toBeNull();
  });

  it('an async success before the completion ends paid, and the late completion changes nothing', () => {
    const afterAsync = nextOrderState(order('pending'), FACTS.async_payment_succeeded);
    expect(afterAsync?.status).toBe('paid');
    expect(
      nextOrderState(order('paid', { ...afterAsync?.changes }), FACTS.checkout_completed),
    ).toBeNull();
  });

  it('the same completion twice moves the order once', () => {
    const first = nextOrderState(order('pending'), FACTS.checkout_completed);
    expect(first?.status).toBe('paid');
    expect(
      nextOrderState(order('paid', { ...first?.changes }), FACTS.checkout_completed),
    ).toBeNull();
  });
});

describe('refunds follow the cumulative amount refunded', () => {
  it('a partial refund makes the order partially refunded', () => {
    expect(nextOrderState(order('paid'), { kind: 'refund_updated', amountRefunded: 1200 })).toEqual(
      { status: 'partially_refunded', changes: { amountRefunded: 1200 }, releasesStock: false },
    );
  });

  it('refunding the whole total makes the order refunded', () => {
    expect(
      nextOrderState(order('partially_refunded', { amountRefunded: 1200 }), {
        kind: 'refund_updated',
        amountRefunded: 5000,
      })?.status,
    ).toBe('refunded');
  });

  it('a late report of a smaller cumulative amount changes nothing (the max wins)', () => {
    expect(
      nextOrderState(order('partially_refunded', { amountRefunded: 3000 }), {
        kind: 'refund_updated',
        amountRefunded: 1200,
      }),
    ).toBeNull();
  });

  it('a report of the amount already recorded changes nothing', () => {
    expect(
      nextOrderState(order('partially_refunded', { amountRefunded: 1200 }), {
        kind: 'refund_updated',
        amountRefunded: 1200,
      }),
    ).toBeNull();
  });

  it('never records more refunded than the order total', () => {
    expect(
      nextOrderState(order('paid'), { kind: 'refund_updated', amountRefunded: 9999 }),
    ).toMatchObject({ status: 'refunded', changes: { amountRefunded: 5000 } });
  });
});

describe('a failed refund gives its amount back', () => {
  it('a failed partial refund takes a partially refunded order back to paid', () => {
    expect(
      nextOrderState(order('partially_refunded', { amountRefunded: 1200 }), {
        kind: 'refund_failed',
        amountRefunded: 0,
      }),
    ).toEqual({ status: 'paid', changes: { amountRefunded: 0 }, releasesStock: false });
  });

  it('a failed refund of the rest takes a refunded order back to partially refunded', () => {
    expect(
      nextOrderState(order('refunded', { amountRefunded: 5000 }), {
        kind: 'refund_failed',
        amountRefunded: 1200,
      }),
    ).toMatchObject({ status: 'partially_refunded', changes: { amountRefunded: 1200 } });
  });

  it('a failure that leaves the amount as recorded changes nothing', () => {
    expect(
      nextOrderState(order('partially_refunded', { amountRefunded: 1200 }), {
        kind: 'refund_failed',
        amountRefunded: 1200,
      }),
    ).toBeNull();
  });

  it('a failure on an order that was never charged changes nothing', () => {
    expect(
      nextOrderState(order('authorized'), { kind: 'refund_failed', amountRefunded: 0 }),
    ).toBeNull();
  });
});

describe('disputes run beside the status and only move forward', () => {
  it('an opened dispute is recorded without changing the status', () => {
    expect(
      nextOrderState(order('paid'), { kind: 'dispute_updated', disputeStatus: 'needs_response' }),
    ).toEqual({
      status: 'paid',
      changes: { disputeStatus: 'needs_response' },
      releasesStock: false,
    });
  });

  it('a dispute under review then closed moves forward', () => {
    expect(
      nextOrderState(order('paid', { disputeStatus: 'under_review' }), {
        kind: 'dispute_updated',
        disputeStatus: 'lost',
      })?.changes,
    ).toEqual({ disputeStatus: 'lost' });
  });

  it('a late "under review" after the dispute was won changes nothing', () => {
    expect(
      nextOrderState(order('paid', { disputeStatus: 'won' }), {
        kind: 'dispute_updated',
        disputeStatus: 'under_review',
      }),
    ).toBeNull();
  });
});
