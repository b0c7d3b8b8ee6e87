import { describe, expect, it } from 'vitest';
import { priceCart } from '@/lib/cart/pricing';
import type { PricingProduct } from '@/lib/catalogue/queries';
import {
  buildCheckoutSessionParams,
  CHECKOUT_SESSION_LIFETIME_SECONDS,
  PLAIN_CHECKOUT,
  type CheckoutOffer,
} from '@/lib/checkout/session-params';
import type { ShippingQuote } from '@/lib/shipping/rates';

const product = (overrides: Partial<PricingProduct>): PricingProduct => ({
  id: 'p1',
  slug: 'mug',
  name: 'Stoneware Mug',
  image: '/products/stoneware-mug.svg',
  unitAmount: 2800,
  currency: 'usd',
  stock: null,
  active: true,
  ships: false,
  taxCode: null,
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
    const params = buildCheckoutSessionParams(
      order,
      {
        appUrl: 'http://localhost:3000',
        captureMethod: 'automatic',
        now,
      },
      PLAIN_CHECKOUT,
    );
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
      PLAIN_CHECKOUT,
    );
    expect(params.customer_email).toBe('ada@example.com');
    expect(params.payment_intent_data?.capture_method).toBe('manual');
    expect(params.line_items?.[0]?.price_data?.product_data?.images).toEqual([
      'https://shop.example.com/products/stoneware-mug.svg',
    ]);
  });
});

describe('what the session offers beyond the items, each exactly when configured', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const order = {
    id: '6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10',
    number: 1042,
    currency: 'usd',
    email: 'ada@example.com' as string | null,
    stripeCustomerId: null as string | null,
    items: [
      {
        name: 'Stoneware Mug',
        unitAmount: 2800,
        quantity: 2,
        image: '/products/stoneware-mug.svg',
        taxCode: 'txcd_99999999',
      },
      { name: 'Linen Apron', unitAmount: 4800, quantity: 1, image: null, taxCode: null },
    ],
  };
  const config = { appUrl: 'https://shop.example.com', captureMethod: 'automatic' as const, now };
  const standard: ShippingQuote = {
    rateId: 'rate-standard',
    name: 'Standard',
    amount: 0,
    currency: 'usd',
    minDays: 3,
    maxDays: 5,
    free: true,
  };
  const express: ShippingQuote = {
    rateId: 'rate-express',
    name: 'Express',
    amount: 1500,
    currency: 'usd',
    minDays: null,
    maxDays: null,
    free: false,
  };
  const offer = (overrides: Partial<CheckoutOffer>): CheckoutOffer => ({
    ...PLAIN_CHECKOUT,
    ...overrides,
  });
  const taxOn = { taxEnabled: true, invoicesEnabled: false };

  it('with every setting off and nothing to ship, is byte for byte the session of before', () => {
    // The params as the store built them before shipping, promotions, tax and invoices existed.
    expect(JSON.stringify(buildCheckoutSessionParams(order, config, PLAIN_CHECKOUT))).toBe(
      '{"mode":"payment","line_items":[{"quantity":2,"price_data":{"currency":"usd","unit_amount":2800,"product_data":{"name":"Stoneware Mug","images":["https://shop.example.com/products/stoneware-mug.svg"]}}},{"quantity":1,"price_data":{"currency":"usd","unit_amount":4800,"product_data":{"name":"Linen Apron"}}}],"client_reference_id":"6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10","metadata":{"order_id":"6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10","order_number":"1042"},"payment_intent_data":{"metadata":{"order_id":"6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10","order_number":"1042"},"capture_method":"automatic","statement_descriptor_suffix":"ORDER 1042"},"customer_email":"ada@example.com","expires_at":1795343460,"success_url":"https://shop.example.com/checkout/success?session_id={CHECKOUT_SESSION_ID}","cancel_url":"https://shop.example.com/cart?checkout=canceled"}',
    );
    expect(
      JSON.stringify(
        buildCheckoutSessionParams(
          { ...order, email: null, stripeCustomerId: 'cus_123' },
          { appUrl: 'http://localhost:3000', captureMethod: 'manual', now },
          PLAIN_CHECKOUT,
        ),
      ),
    ).toBe(
      '{"mode":"payment","line_items":[{"quantity":2,"price_data":{"currency":"usd","unit_amount":2800,"product_data":{"name":"Stoneware Mug"}}},{"quantity":1,"price_data":{"currency":"usd","unit_amount":4800,"product_data":{"name":"Linen Apron"}}}],"client_reference_id":"6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10","metadata":{"order_id":"6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10","order_number":"1042"},"payment_intent_data":{"metadata":{"order_id":"6f1c1e43-2c39-4d5c-8a3e-6f0d7f1f9b10","order_number":"1042"},"capture_method":"manual","statement_descriptor_suffix":"ORDER 1042"},"customer":"cus_123","saved_payment_method_options":{"payment_method_save":"enabled"},"expires_at":1795343460,"success_url":"http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}","cancel_url":"http://localhost:3000/cart?checkout=canceled"}',
    );
  });

  it('with goods that ship, collects an address in the zone and offers its rates in order', () => {
    const params = buildCheckoutSessionParams(
      order,
      config,
      offer({ shipping: { countries: ['SE', 'NO'], options: [standard, express] } }),
    );
    expect(params.shipping_address_collection).toEqual({ allowed_countries: ['SE', 'NO'] });
    expect(params.shipping_options).toEqual([
      {
        shipping_rate_data: {
          type: 'fixed_amount',
          display_name: 'Standard',
          fixed_amount: { amount: 0, currency: 'usd' },
          delivery_estimate: {
            minimum: { unit: 'business_day', value: 3 },
            maximum: { unit: 'business_day', value: 5 },
          },
          metadata: { rate_id: 'rate-standard' },
        },
      },
      {
        shipping_rate_data: {
          type: 'fixed_amount',
          display_name: 'Express',
          fixed_amount: { amount: 1500, currency: 'usd' },
          metadata: { rate_id: 'rate-express' },
        },
      },
    ]);
  });

  it('leaves out a delivery bound of zero days, which Stripe refuses', () => {
    const params = buildCheckoutSessionParams(
      order,
      config,
      offer({
        shipping: { countries: ['SE'], options: [{ ...express, minDays: 0, maxDays: 1 }] },
      }),
    );
    expect(params.shipping_options?.[0]?.shipping_rate_data?.delivery_estimate).toEqual({
      maximum: { unit: 'business_day', value: 1 },
    });
  });

  it('without goods that ship, neither collects an address nor offers rates', () => {
    const params = buildCheckoutSessionParams(
      order,
      config,
      offer({ allowPromotionCodes: true, settings: taxOn }),
    );
    expect(params).not.toHaveProperty('shipping_address_collection');
    expect(params).not.toHaveProperty('shipping_options');
  });

  it('takes promotion codes only when some code can apply', () => {
    expect(
      buildCheckoutSessionParams(order, config, offer({ allowPromotionCodes: true }))
        .allow_promotion_codes,
    ).toBe(true);
    expect(buildCheckoutSessionParams(order, config, PLAIN_CHECKOUT)).not.toHaveProperty(
      'allow_promotion_codes',
    );
  });

  it('with tax on, asks Stripe Tax for exclusive tax, sends tax codes and collects tax ids', () => {
    const params = buildCheckoutSessionParams(
      order,
      config,
      offer({ settings: taxOn, shipping: { countries: ['SE'], options: [express] } }),
    );
    expect(params.automatic_tax).toEqual({ enabled: true });
    expect(params.tax_id_collection).toEqual({ enabled: true });
    expect(params.line_items?.map((line) => line.price_data?.tax_behavior)).toEqual([
      'exclusive',
      'exclusive',
    ]);
    expect(params.line_items?.map((line) => line.price_data?.product_data?.tax_code)).toEqual([
      'txcd_99999999',
      undefined,
    ]);
    expect(params.shipping_options?.[0]?.shipping_rate_data).toMatchObject({
      tax_behavior: 'exclusive',
      tax_code: 'txcd_92010001',
    });
    // A guest has no Customer to update.
    expect(params).not.toHaveProperty('customer_update');
  });

  it('with tax on and a signed-in customer, lets the page save the address and name to them', () => {
    const params = buildCheckoutSessionParams(
      { ...order, email: null, stripeCustomerId: 'cus_123' },
      config,
      offer({ settings: taxOn }),
    );
    expect(params.customer).toBe('cus_123');
    expect(params.customer_update).toEqual({ address: 'auto', shipping: 'auto', name: 'auto' });
  });

  it('with tax off, sends no tax behaviour, tax codes or customer update', () => {
    const params = buildCheckoutSessionParams(
      { ...order, stripeCustomerId: 'cus_123', email: null },
      config,
      offer({ shipping: { countries: ['SE'], options: [express] } }),
    );
    expect(JSON.stringify(params)).not.toMatch(/tax_|automatic_tax|customer_update/);
  });

  it('with invoices on, has Stripe make an invoice that names the order', () => {
    const params = buildCheckoutSessionParams(
      order,
      config,
      offer({ settings: { taxEnabled: false, invoicesEnabled: true } }),
    );
    expect(params.invoice_creation).toEqual({
      enabled: true,
      invoice_data: {
        metadata: { order_id: order.id, order_number: '1042' },
        description: 'Order 1042',
      },
    });
    expect(buildCheckoutSessionParams(order, config, PLAIN_CHECKOUT)).not.toHaveProperty(
      'invoice_creation',
    );
  });

  it('sends a zero-decimal currency’s shipping amounts as they are (¥800 is 800)', () => {
    const params = buildCheckoutSessionParams(
      {
        ...order,
        currency: 'jpy',
        items: [{ name: 'Tea bowl', unitAmount: 4200, quantity: 1, image: null }],
      },
      config,
      offer({
        shipping: {
          countries: ['JP'],
          options: [{ ...express, currency: 'jpy', amount: 800 }],
        },
      }),
    );
    expect(params.line_items?.[0]?.price_data).toMatchObject({
      currency: 'jpy',
      unit_amount: 4200,
    });
    expect(params.shipping_options?.[0]?.shipping_rate_data?.fixed_amount).toEqual({
      amount: 800,
      currency: 'jpy',
    });
  });
});
