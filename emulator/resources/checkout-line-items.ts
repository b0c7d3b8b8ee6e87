// A Checkout line item from a catalogue `price`, or from `price_data`: an inline Price (recurring
// when `recurring` is given) whose product is created from `product_data`, as Stripe does for
// ad-hoc prices.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest } from '../http/errors';
import { newId } from '../ids';
import type { LineItemParams } from './checkout-session-types';
import { findPrice, priceObject } from './prices';

/**
 * Line items naming a catalogue `price` read from then on as if they carried its price_data, so
 * the session's checks and totals treat both alike; the Price itself is kept for the line item.
 */
export function withCataloguePrices(
  ctx: EmulatorContext,
  items: LineItemParams[] | undefined,
): LineItemParams[] | undefined {
  return items?.map((item, index) => {
    if (item.price === undefined || item.price_data !== undefined) return item;
    const param = `line_items[${index}][price]`;
    const price = findPrice(ctx, item.price, param);
    if (!price.active)
      throw invalidRequest(
        'The price specified is inactive. This field only accepts active prices.',
        param,
      );
    const product = ctx.state.products.get(price.product as string);
    return {
      quantity: item.quantity,
      metadata: item.metadata,
      price_data: {
        currency: price.currency,
        unit_amount: price.unit_amount ?? 0,
        product: price.product as string,
        recurring: price.recurring
          ? { interval: price.recurring.interval, interval_count: price.recurring.interval_count }
          : undefined,
      },
      catalogue: { price, productName: product?.name ?? null },
    };
  });
}

export function buildLineItem(item: LineItemParams, now: number): Stripe.LineItem {
  if (item.catalogue) return lineItem(item, item.catalogue.price, item.catalogue.productName);
  const priceData = item.price_data;
  const price = priceObject({
    // An inline price serves this session only, so Stripe creates it inactive.
    active: false,
    created: now,
    currency: priceData?.currency ?? 'usd',
    unitAmount: priceData?.unit_amount ?? 0,
    // price_data with product_data creates an inline product that the price names by id.
    product: priceData?.product ?? newId('prod', 14),
    recurring: priceData?.recurring,
    taxBehavior: priceData?.tax_behavior,
  });
  return lineItem(item, price, priceData?.product_data?.name ?? null);
}

/** The product tax code a line item is taxed by: `product_data[tax_code]`, or the catalogue product's. */
export function taxCodeOf(ctx: EmulatorContext, item: LineItemParams): string | null {
  const inline = item.price_data?.product_data?.tax_code;
  if (inline !== undefined) return inline;
  const productId = item.catalogue?.price.product ?? item.price_data?.product;
  const taxCode =
    typeof productId === 'string' ? ctx.state.products.get(productId)?.tax_code : null;
  return typeof taxCode === 'string' ? taxCode : null;
}

function lineItem(
  item: LineItemParams,
  price: Stripe.Price,
  description: string | null,
): Stripe.LineItem {
  const quantity = item.quantity ?? 1;
  const amount = (price.unit_amount ?? 0) * quantity;
  return {
    id: newId('li', 24),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description,
    metadata: item.metadata ?? {},
    price,
    quantity,
  };
}
