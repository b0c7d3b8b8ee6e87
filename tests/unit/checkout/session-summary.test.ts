import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { sessionSummary } from '@/lib/checkout/session-summary';
import { EMPTY_CHECKOUT_SUMMARY, type CheckoutSummary } from '@/lib/orders/checkout-summary';
import { nextOrderState, type OrderFact, type OrderSnapshot } from '@/lib/orders/state';
import { totalsRows } from '@/lib/orders/summary';
import { checkoutSession, completedSession } from '@/tests/integration/webhooks/stripe-fixtures';

const at = new Date('2030-01-02T03:04:05Z');

const summary: CheckoutSummary = {
  amountSubtotal: 5000,
  amountTotal: 6750,
  amountDiscount: 500,
  amountShipping: 900,
  amountTax: 1350,
  shippingName: 'Ada Lovelace',
  shippingAddress: {
    line1: 'Drottninggatan 1',
    line2: null,
    city: 'Stockholm',
    state: null,
    postal_code: '111 51',
    country: 'SE',
  },
  shippingRateStripeId: 'shr_standard',
  promotionCodeId: 'promo_123',
  promotionCode: 'SPRING10',
  customerTaxIds: [{ type: 'eu_vat', value: 'SE556677889901' }],
  stripeInvoiceId: 'in_123',
};

function order(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    status: 'pending',
    captureMethod: 'automatic',
    amountSubtotal: 5000,
    amountTotal: 5000,
    amountDiscount: 0,
    amountShipping: 0,
    amountTax: 0,
    amountRefunded: 0,
    amountCaptured: null,
    disputeStatus: null,
    email: 'ada@example.com',
    customerName: 'Ada Lovelace',
    stripePaymentIntentId: 'pi_123',
    shippingName: null,
    shippingAddress: null,
    shippingRateId: null,
    shippingRateName: null,
    shippingOptions: [
      { stripeId: 'shr_standard', rateId: 'rate-standard', name: 'Standard', amount: 900 },
    ],
    promotionCodeId: null,
    promotionCode: null,
    customerTaxIds: null,
    stripeInvoiceId: null,
    ...overrides,
  };
}

const completed = (recorded: CheckoutSummary = summary): OrderFact => ({
  kind: 'checkout_completed',
  paymentStatus: 'paid',
  captureMethod: null,
  at,
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  paymentIntentId: 'pi_123',
  summary: recorded,
});

describe('what a completed session says, as the order records it', () => {
  it('reads the totals, address, rate, code, tax ids and invoice from Stripe’s shape', () => {
    const base = completedSession(checkoutSession('order-1'));
    const session: Stripe.Checkout.Session = {
      ...base,
      amount_subtotal: 5000,
      amount_total: 6750,
      total_details: { amount_discount: 500, amount_shipping: 900, amount_tax: 1350 },
      collected_information: {
        business_name: null,
        individual_name: null,
        shipping_details: {
          name: 'Ada Lovelace',
          address: {
            city: 'Stockholm',
            country: 'SE',
            line1: 'Drottninggatan 1',
            line2: null,
            postal_code: '111 51',
            state: null,
          },
        },
      },
      shipping_cost: {
        amount_subtotal: 900,
        amount_tax: 0,
        amount_total: 900,
        shipping_rate: 'shr_standard',
      },
      discounts: [{ coupon: 'coupon_1', promotion_code: 'promo_123' }],
      customer_details: {
        ...base.customer_details!,
        tax_ids: [{ type: 'eu_vat', value: 'SE556677889901' }],
      },
      invoice: 'in_123',
    };
    // The code's text is looked up in the store's codes later (withPromotionCodeText).
    expect(sessionSummary(session)).toEqual({ ...summary, promotionCode: null });
  });

  it('says nothing of what a plain session leaves out', () => {
    const session = completedSession(checkoutSession('order-1'));
    expect(sessionSummary(session)).toEqual({
      ...EMPTY_CHECKOUT_SUMMARY,
      amountSubtotal: 5000,
      amountTotal: 5000,
      amountDiscount: 0,
      amountShipping: 0,
      amountTax: 0,
    });
  });
});

describe('recording the summary (nextOrderState)', () => {
  it('pays the order what the session charged, naming the rate from the order’s own offer', () => {
    expect(nextOrderState(order(), completed())).toEqual({
      status: 'paid',
      releasesStock: false,
      changes: {
        paidAt: at,
        amountCaptured: 6750,
        amountTotal: 6750,
        amountDiscount: 500,
        amountShipping: 900,
        amountTax: 1350,
        shippingName: 'Ada Lovelace',
        shippingAddress: summary.shippingAddress,
        shippingRateId: 'rate-standard',
        shippingRateName: 'Standard',
        promotionCodeId: 'promo_123',
        promotionCode: 'SPRING10',
        customerTaxIds: summary.customerTaxIds,
        stripeInvoiceId: 'in_123',
      },
    });
  });

  it('changes nothing once recorded, even with the address’s keys in another order (jsonb)', () => {
    const recorded = order({
      status: 'paid',
      amountTotal: 6750,
      amountCaptured: 6750,
      amountDiscount: 500,
      amountShipping: 900,
      amountTax: 1350,
      shippingName: 'Ada Lovelace',
      shippingAddress: {
        country: 'SE',
        city: 'Stockholm',
        line1: 'Drottninggatan 1',
        line2: null,
        state: null,
        postal_code: '111 51',
      },
      shippingRateId: 'rate-standard',
      shippingRateName: 'Standard',
      promotionCodeId: 'promo_123',
      promotionCode: 'SPRING10',
      customerTaxIds: [{ type: 'eu_vat', value: 'SE556677889901' }],
      stripeInvoiceId: 'in_123',
    });
    expect(nextOrderState(recorded, completed())).toBeNull();
    expect(
      nextOrderState(recorded, {
        kind: 'async_payment_succeeded',
        at,
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        paymentIntentId: 'pi_123',
        summary,
      }),
    ).toBeNull();
  });

  it('fills in what an order already paid by a capture was missing, keeping its status and email', () => {
    const next = nextOrderState(order({ status: 'paid', amountCaptured: 5000 }), completed());
    expect(next?.status).toBe('paid');
    expect(next?.changes).toMatchObject({ amountTotal: 6750, shippingRateName: 'Standard' });
    expect(next?.changes).not.toHaveProperty('paidAt');
  });

  it('keeps what was captured within a total the session lowered', () => {
    const next = nextOrderState(
      order({ status: 'paid', amountCaptured: 5000 }),
      completed({ ...summary, amountTotal: 4500, amountShipping: 0, amountTax: 0 }),
    );
    expect(next?.changes).toMatchObject({ amountTotal: 4500, amountCaptured: 4500 });
  });

  it('never records on an order whose sale did not happen', () => {
    expect(nextOrderState(order({ status: 'expired' }), completed())).toBeNull();
    expect(nextOrderState(order({ status: 'failed' }), completed())).toBeNull();
  });

  it('names a rate the order did not offer by Stripe’s id, and erases nothing the session omits', () => {
    const next = nextOrderState(
      order({ shippingName: 'Grace Hopper' }),
      completed({ ...EMPTY_CHECKOUT_SUMMARY, shippingRateStripeId: 'shr_other' }),
    );
    expect(next?.changes).toMatchObject({ shippingRateId: 'shr_other' });
    expect(next?.changes).not.toHaveProperty('shippingRateName');
    expect(next?.changes).not.toHaveProperty('shippingName');
  });
});

describe('the totals breakdown', () => {
  const base = {
    currency: 'usd',
    amountSubtotal: 5000,
    amountDiscount: 0,
    amountShipping: 0,
    amountTax: 0,
    amountTotal: 5000,
    promotionCode: null,
    shippingRateId: null,
  };

  it('is only the total when nothing came on top of the items', () => {
    expect(totalsRows(base)).toEqual([{ kind: 'total', label: 'Total', amount: '$50.00' }]);
  });

  it('has a row for each part that is there: discount with its code, shipping, tax', () => {
    expect(
      totalsRows({
        ...base,
        amountDiscount: 500,
        amountShipping: 900,
        amountTax: 1350,
        amountTotal: 6750,
        promotionCode: 'SPRING10',
        shippingRateId: 'rate-standard',
      }).map((row) => `${row.label}: ${row.amount}`),
    ).toEqual([
      'Subtotal: $50.00',
      'Discount (SPRING10): −$5.00',
      'Shipping: $9.00',
      'Tax: $13.50',
      'Total: $67.50',
    ]);
  });

  it('says free shipping is free, in a zero-decimal currency too', () => {
    expect(
      totalsRows({
        ...base,
        currency: 'jpy',
        amountSubtotal: 4200,
        amountTotal: 4200,
        shippingRateId: 'rate-free',
      }).map((row) => `${row.label}: ${row.amount}`),
    ).toEqual(['Subtotal: ￥4,200', 'Shipping: Free', 'Total: ￥4,200']);
  });
});
