// A Checkout line item from `price_data`: an inline Price (recurring when `recurring` is given)
// whose product is created from `product_data`, as Stripe does for ad-hoc prices.
import type Stripe from 'stripe';
import { newId } from '../ids';
import type { LineItemParams } from './checkout-session-params';

export function buildLineItem(item: LineItemParams, now: number): Stripe.LineItem {
  const priceData = item.price_data;
  const unitAmount = priceData?.unit_amount ?? 0;
  const quantity = item.quantity ?? 1;
  const currency = (priceData?.currency ?? 'usd').toLowerCase();
  const recurring = priceData?.recurring;
  const price: Stripe.Price = {
    id: newId('price', 24),
    object: 'price',
    active: false,
    billing_scheme: 'per_unit',
    created: now,
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    // price_data with product_data creates an inline product that the price names by id.
    product: priceData?.product ?? newId('prod', 14),
    recurring: recurring
      ? {
          interval: recurring.interval,
          interval_count: recurring.interval_count ?? 1,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    // On the wire Stripe sends the decimal as a string, e.g. "2000".
    unit_amount_decimal: String(unitAmount) as unknown as Stripe.Price['unit_amount_decimal'],
  };
  return {
    id: newId('li', 24),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: unitAmount * quantity,
    amount_tax: 0,
    amount_total: unitAmount * quantity,
    currency,
    description: priceData?.product_data?.name ?? null,
    metadata: item.metadata ?? {},
    price,
    quantity,
  };
}
