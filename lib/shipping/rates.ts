import type { ShippingRate } from '@/db/schema';

/** A rate as one cart would pay it: free once the cart's subtotal reaches the rate's threshold. */
export interface ShippingQuote {
  rateId: string;
  name: string;
  amount: number;
  currency: string;
  minDays: number | null;
  maxDays: number | null;
  free: boolean;
}

/** Stripe takes at most five shipping_options on a Checkout Session. */
const MAX_QUOTES = 5;

/** The zone's active rates in the cart's currency, as the cart would pay them, cheapest first. Pure. */
export function quoteRates(
  rates: ShippingRate[],
  cart: { subtotal: number; currency: string },
): ShippingQuote[] {
  return rates
    .filter((rate) => rate.active && rate.currency === cart.currency.toLowerCase())
    .map((rate): ShippingQuote => {
      const free = rate.freeOverAmount !== null && cart.subtotal >= rate.freeOverAmount;
      return {
        rateId: rate.id,
        name: rate.name,
        amount: free ? 0 : rate.amount,
        currency: rate.currency,
        minDays: rate.minDays,
        maxDays: rate.maxDays,
        free,
      };
    })
    .sort((a, b) => a.amount - b.amount)
    .slice(0, MAX_QUOTES);
}
