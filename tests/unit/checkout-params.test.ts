import { describe, expect, it } from 'vitest';
import { priceCart } from '@/lib/cart/pricing';
import type { PricingProduct } from '@/lib/catalogue/queries';
import {
  buildCheckoutSessionParams,
  CHECKOUT_SESSION_LIFETIME_SECONDS,
} from '@/lib/checkout/session-params';

const product = (overrides: Partial<PricingProduct>): PricingProduct => ({
  id: 'p1',
  slug: 'mug',
  name: 'Stoneware Mug',
  image: '/products/stoneware-mug.svg',
  unitAmount: 2800,
  currency: 'usd',
  stock: null,
  active: true,
  ...overrides,
});

describe('pricing a cart from database rows', () => {
  it('totals lines at the database price', () => {
    const priced = priceCart(
      {
        lines: [
          { productId: 'p1', quantity: 2 },
          { productId: 'p2', quantity: 1 },
        ],
      },
      [product({}), product({ id: 'p2', name: 'Linen Apron', unitAmount: 4800, stock: 3 })],
    );
    expect(priced.subtotal).toBe(2 * 2800 + 4800);
    expect(priced.currency).toBe('usd');
    expect(priced.itemCount).toBe(3);
    expect(priced.canCheckout).toBe(true);
  });

  it('flags unknown, retired, sold-out and short lines, and blocks checkout', () => {
    const priced = priceCart(
      {
        lines: [
          { productId: 'gone', quantity: 1 },
          { productId: 'retired', quantity: 1 },
          { productId: 'soldout', quantity: 1 },
          { productId: 'short', quantity: 4 },
        ],
      },
      [
        product({ id: 'retired', active: false }),
        product({ id: 'soldout', stock: 0 }),
        product({ id: 'short', stock: 3 }),
      ],
    );
    expect(priced.lines.map((line) => line.problem)).toEqual([
      { kind: 'unavailable' },
      { kind: 'unavailable' },
      { kind: 'sold_out' },
      { kind: 'insufficient_stock', available: 3 },
    ]);
    expect(priced.canCheckout).toBe(false);
  });

  it('will not total two currencies together', () => {
    const priced = priceCart(
      {
        lines: [
          { productId: 'p1', quantity: 1 },
          { productId: 'p2', quantity: 1 },
        ],
      },
      [product({}), product({ id: 'p2', currency: 'sek', unitAmount: 28000 })],
    );
    expect(priced.subtotal).toBeNull();
    expect(priced.canCheckout).toBe(false);
  });
});

describe('the Checkout Session for an order', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const order = {
    id: '6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10',
    number: 1042,
    currency: 'usd',
    email: null,
    items: [
      {
        name: 'Stoneware Mug',
        unitAmount: 2800,
        quantity: 2,
        image: '/products/stoneware-mug.svg',
      },
      { name: 'Linen Apron', unitAmount: 4800, quantity: 1, image: null },
    ],
  };

  it('carries the order: price_data from our rows, ids in metadata, 30 minutes to pay', () => {
    const params = buildCheckoutSessionParams(order, {
      appUrl: 'http://localhost:3000',
      captureMethod: 'automatic',
      now,
    });
    expect(params).toMatchObject({
      mode: 'payment',
      client_reference_id: order.id,
      metadata: { order_id: order.id, order_number: '1042' },
      payment_intent_data: {
        metadata: { order_id: order.id, order_number: '1042' },
        capture_method: 'automatic',
        statement_descriptor_suffix: 'ORDER 1042',
      },
      expires_at: now.getTime() / 1000 + CHECKOUT_SESSION_LIFETIME_SECONDS,
      success_url: 'http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://localhost:3000/cart?checkout=canceled',
    });
    expect(params.line_items).toEqual([
      {
        quantity: 2,
        price_data: { currency: 'usd', unit_amount: 2800, product_data: { name: 'Stoneware Mug' } },
      },
      {
        quantity: 1,
        price_data: { currency: 'usd', unit_amount: 4800, product_data: { name: 'Linen Apron' } },
      },
    ]);
    expect(params).not.toHaveProperty('customer_email');
  });

  it('sends images only from a public https store, and the email when known', () => {
    const params = buildCheckoutSessionParams(
      { ...order, email: 'ada@example.com' },
      { appUrl: 'https://shop.example.com', captureMethod: 'manual', now },
    );
    expect(params.customer_email).toBe('ada@example.com');
    expect(params.payment_intent_data?.capture_method).toBe('manual');
    expect(params.line_items?.[0]?.price_data?.product_data?.images).toEqual([
      'https://shop.example.com/products/stoneware-mug.svg',
    ]);
  });
});
