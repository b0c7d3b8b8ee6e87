/**
 * What shipping a cart is offered, from the rates of the zone its country is in, and how a rate's
 * delivery estimate reads. Pure: the checkout turns the quotes into Checkout's `shipping_options`.
 */

/** A shipping rate as stored (db/schema/shipping.ts); amounts in the currency's minor unit. */
export interface ShippingRateRow {
  id: string;
  name: string;
  amount: number;
  currency: string;
  freeOverAmount: number | null;
  minDays: number | null;
  maxDays: number | null;
  active: boolean;
  position: number;
}

/** One option the shopper can pick on Stripe's page: what it costs this cart. */
export interface ShippingQuote {
  rateId: string;
  name: string;
  /** What this cart pays, in minor units: 0 when the cart reached the rate's free-over threshold. */
  amount: number;
  currency: string;
  minDays: number | null;
  maxDays: number | null;
  free: boolean;
}

/**
 * Checkout takes at most five shipping options per session
 * (https://docs.stripe.com/payments/during-payment/charge-shipping).
 */
export const MAX_SHIPPING_OPTIONS = 5;

/**
 * The options a cart of `subtotal` (minor units) in `currency` gets from a zone's rates: active
 * rates in the cart's currency, by position, at most 5 (Stripe's limit), free ones when the
 * subtotal reaches the rate's threshold; cheapest first so Stripe preselects it.
 *
 * The order, in steps (Stripe preselects the first option it is given):
 * 1. Keep active rates priced in the cart's currency; a rate in another currency cannot be offered.
 * 2. Take the first five by the admin's position (ties by id, so the choice never wobbles): the
 *    admin decides which rates make the cut, never the cart.
 * 3. Price each for this cart: free when the subtotal reaches its threshold (exactly at counts).
 * 4. Sort cheapest first, ties in position order, so the shopper starts on the cheapest option
 *    and a free one leads whenever the cart earned it.
 */
export function quoteShipping(
  rates: ShippingRateRow[],
  cart: { subtotal: number; currency: string },
): ShippingQuote[] {
  const currency = cart.currency.toLowerCase();
  return rates
    .filter((rate) => rate.active && rate.currency.toLowerCase() === currency)
    .sort((a, b) => a.position - b.position || compareIds(a.id, b.id))
    .slice(0, MAX_SHIPPING_OPTIONS)
    .map((rate): ShippingQuote => {
      const free =
        rate.amount === 0 || (rate.freeOverAmount !== null && cart.subtotal >= rate.freeOverAmount);
      return {
        rateId: rate.id,
        name: rate.name,
        amount: free ? 0 : rate.amount,
        currency,
        minDays: rate.minDays,
        maxDays: rate.maxDays,
        free,
      };
    })
    .sort((a, b) => a.amount - b.amount);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A delivery estimate as shoppers and admins read it: "3–5 business days", "1 business day". */
export function deliveryEstimateLabel(
  minDays: number | null,
  maxDays: number | null,
): string | null {
  const days = (n: number) => `${n} business ${n === 1 ? 'day' : 'days'}`;
  if (minDays !== null && maxDays !== null) {
    return minDays === maxDays ? days(minDays) : `${minDays}–${days(maxDays)}`;
  }
  if (maxDays !== null) return `Up to ${days(maxDays)}`;
  if (minDays !== null) return `From ${days(minDays)}`;
  return null;
}
