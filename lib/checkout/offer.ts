import type Stripe from 'stripe';
import type { OfferedShippingRate } from '@/db/schema';
import type { PricedCart } from '@/lib/cart/pricing';
import type { CheckoutOffer } from '@/lib/checkout/session-params';
import type { CheckoutResult } from '@/lib/checkout/result';
import { countryName } from '@/lib/orders/postal-address';
import { promotionCodesOffered } from '@/lib/promotions/availability';
import { readCheckoutSettings } from '@/lib/settings/store-settings';
import type { ShippingQuote } from '@/lib/shipping/rates';
import { shippingChoiceFor } from '@/lib/shipping/zones';

/** Whether any line of the cart is goods that are posted (products.ships). */
export function cartShips(priced: PricedCart): boolean {
  return priced.lines.some((line) => line.product?.ships);
}

/**
 * What the session offers a priced, buyable cart: the store's settings, promotion codes when one
 * can apply, and for goods that ship the zone of the country the shopper chose in the cart. A
 * country the store does not ship to is refused here, before anything is reserved.
 */
export async function checkoutOfferFor(
  priced: PricedCart & { currency: string; subtotal: number },
  shipTo: string | null,
): Promise<
  | { kind: 'offer'; offer: CheckoutOffer; country: string | null }
  | Extract<CheckoutResult, { kind: 'rejected' }>
> {
  const ships = cartShips(priced);
  if (ships && !shipTo) return refusal('Choose the country your order ships to.');
  const [settings, allowPromotionCodes, choice] = await Promise.all([
    readCheckoutSettings(),
    promotionCodesOffered(priced.currency),
    ships && shipTo
      ? shippingChoiceFor(shipTo, { subtotal: priced.subtotal, currency: priced.currency })
      : null,
  ]);
  if (choice?.kind === 'not_shipped')
    return refusal(`We don’t ship to ${countryName(choice.country)}. Choose another country.`);
  if (choice?.kind === 'no_rates')
    return refusal(
      `We can’t ship this order to ${countryName(choice.country)} at the moment. Choose another country.`,
    );
  return {
    kind: 'offer',
    offer: {
      settings,
      allowPromotionCodes,
      shipping: choice ? { countries: choice.countries, options: choice.options } : null,
    },
    country: choice ? shipTo!.toUpperCase() : null,
  };
}

/**
 * The rates as the session offered them, each with the id Stripe gave it. Stripe answers
 * `shipping_options` in the order they were sent, so the n-th quote is the n-th option.
 */
export function offeredShippingRates(
  quotes: ShippingQuote[],
  options: Stripe.Checkout.Session.ShippingOption[],
): OfferedShippingRate[] {
  return quotes.flatMap((quote, index) => {
    const option = options[index];
    if (!option) return [];
    const stripeId =
      typeof option.shipping_rate === 'string' ? option.shipping_rate : option.shipping_rate.id;
    return [{ stripeId, rateId: quote.rateId, name: quote.name, amount: option.shipping_amount }];
  });
}

function refusal(message: string): Extract<CheckoutResult, { kind: 'rejected' }> {
  return { kind: 'rejected', message, problems: [] };
}
