import type Stripe from 'stripe';
import type { CheckoutSettings } from '@/lib/settings/store-settings';
import type { ShippingQuote } from '@/lib/shipping/rates';

/**
 * Hosted Checkout sessions live about 30 minutes: long enough to pay, short enough to return held
 * stock. Stripe refuses less than 30 minutes after the session's creation by its own clock, so a
 * minute's margin covers the request's latency and clock skew (exactly 30 failed whenever a
 * second ticked over between our clock and Stripe's).
 */
export const CHECKOUT_SESSION_LIFETIME_SECONDS = 31 * 60;

/** Stripe Tax's code for shipping (docs.stripe.com/tax/tax-codes: "Shipping"). */
export const SHIPPING_TAX_CODE = 'txcd_92010001';

export interface CheckoutConfig {
  appUrl: string;
  captureMethod: 'automatic' | 'manual';
  now: Date;
}

/** What the store offers on this session beyond the items: each part only when configured. */
export interface CheckoutOffer {
  settings: CheckoutSettings;
  /** The zone the shopper ships to and its quotes, when the order holds goods that ship. */
  shipping: { countries: string[]; options: ShippingQuote[] } | null;
  /** Whether Stripe's page takes promotion codes (lib/promotions/availability.ts). */
  allowPromotionCodes: boolean;
}

/** Every setting off and nothing to ship: the session is exactly what it was before issue 18. */
export const PLAIN_CHECKOUT: CheckoutOffer = {
  settings: { taxEnabled: false, invoicesEnabled: false },
  shipping: null,
  allowPromotionCodes: false,
};

export interface CheckoutOrder {
  id: string;
  number: number;
  currency: string;
  email: string | null;
  /** The signed-in customer's Stripe Customer (cus_...): their saved cards, and the card they save. */
  stripeCustomerId?: string | null;
  items: Array<{
    name: string;
    unitAmount: number;
    quantity: number;
    image: string | null;
    /** Stripe Tax's category (txcd_...); sent only with tax on. */
    taxCode?: string | null;
  }>;
}

/** The Checkout Session for an order: every amount from the order's database rows. Pure. */
export function buildCheckoutSessionParams(
  order: CheckoutOrder,
  config: CheckoutConfig,
  offer: CheckoutOffer,
): Stripe.Checkout.SessionCreateParams {
  const metadata = { order_id: order.id, order_number: String(order.number) };
  const isPublicUrl = config.appUrl.startsWith('https://');
  const tax = offer.settings.taxEnabled;
  return {
    mode: 'payment',
    line_items: order.items.map((item) => ({
      quantity: item.quantity,
      price_data: {
        currency: order.currency,
        unit_amount: item.unitAmount,
        product_data: {
          name: item.name,
          // Stripe fetches images itself, so only a public https URL is worth sending.
          ...(isPublicUrl &&
            item.image && { images: [new URL(item.image, config.appUrl).toString()] }),
          ...(tax && item.taxCode && { tax_code: item.taxCode }),
        },
        // Prices are shown without tax; Stripe Tax adds it on top (subtotal + tax = total).
        ...(tax && { tax_behavior: 'exclusive' as const }),
      },
    })),
    client_reference_id: order.id,
    metadata,
    payment_intent_data: {
      metadata,
      capture_method: config.captureMethod,
      statement_descriptor_suffix: `ORDER ${order.number}`,
    },
    // Stripe refuses `customer` with `customer_email`: the Customer already has the address.
    ...(order.stripeCustomerId
      ? {
          customer: order.stripeCustomerId,
          // The hosted page offers "save my card" and lists the cards saved before.
          saved_payment_method_options: { payment_method_save: 'enabled' as const },
        }
      : order.email && { customer_email: order.email }),
    expires_at: Math.floor(config.now.getTime() / 1000) + CHECKOUT_SESSION_LIFETIME_SECONDS,
    success_url: `${config.appUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${config.appUrl}/cart?checkout=canceled`,
    ...(offer.shipping && shippingParams(offer.shipping, tax)),
    ...(offer.allowPromotionCodes && { allow_promotion_codes: true }),
    ...(tax && taxParams(Boolean(order.stripeCustomerId))),
    ...(offer.settings.invoicesEnabled && {
      invoice_creation: {
        enabled: true,
        invoice_data: { metadata, description: `Order ${order.number}` },
      },
    }),
  };
}

/** The address form limited to the chosen zone, and its rates as the only delivery options. */
function shippingParams(
  shipping: NonNullable<CheckoutOffer['shipping']>,
  tax: boolean,
): Pick<Stripe.Checkout.SessionCreateParams, 'shipping_address_collection' | 'shipping_options'> {
  return {
    shipping_address_collection: { allowed_countries: shipping.countries },
    shipping_options: shipping.options.map((quote) => ({
      shipping_rate_data: {
        type: 'fixed_amount' as const,
        display_name: quote.name,
        fixed_amount: { amount: quote.amount, currency: quote.currency },
        ...deliveryEstimate(quote),
        // The store's rate, so the completed session's rate can be traced to it.
        metadata: { rate_id: quote.rateId },
        ...(tax && { tax_behavior: 'exclusive' as const, tax_code: SHIPPING_TAX_CODE }),
      },
    })),
  };
}

/** Stripe wants each bound greater than 0; an absent bound is open. */
function deliveryEstimate(quote: ShippingQuote) {
  const bound = (days: number | null) =>
    days !== null && days > 0 ? { unit: 'business_day' as const, value: days } : undefined;
  const minimum = bound(quote.minDays);
  const maximum = bound(quote.maxDays);
  if (!minimum && !maximum) return {};
  return {
    delivery_estimate: { ...(minimum && { minimum }), ...(maximum && { maximum }) },
  };
}

/**
 * Stripe Tax and business tax ids. With an existing Customer, Stripe refuses automatic tax unless
 * the address entered on the page may be saved to it, and tax id collection unless the name may
 * be (docs.stripe.com/tax/checkout, docs.stripe.com/tax/checkout/tax-ids "Existing customers").
 */
function taxParams(
  hasCustomer: boolean,
): Pick<
  Stripe.Checkout.SessionCreateParams,
  'automatic_tax' | 'tax_id_collection' | 'customer_update'
> {
  return {
    automatic_tax: { enabled: true },
    tax_id_collection: { enabled: true },
    ...(hasCustomer && {
      customer_update: { address: 'auto', shipping: 'auto', name: 'auto' },
    }),
  };
}
