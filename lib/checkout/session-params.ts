import type Stripe from 'stripe';

/**
 * Hosted Checkout sessions live about 30 minutes: long enough to pay, short enough to return held
 * stock. Stripe refuses less than 30 minutes after the session's creation by its own clock, so a
 * minute's margin covers the request's latency and clock skew (exactly 30 failed whenever a
 * second ticked over between our clock and Stripe's).
 */
export const CHECKOUT_SESSION_LIFETIME_SECONDS = 31 * 60;

export interface CheckoutConfig {
  appUrl: string;
  captureMethod: 'automatic' | 'manual';
  now: Date;
}

export interface CheckoutOrder {
  id: string;
  number: number;
  currency: string;
  email: string | null;
  /** The signed-in customer's Stripe Customer (cus_...): their saved cards, and the card they save. */
  stripeCustomerId?: string | null;
  items: Array<{ name: string; unitAmount: number; quantity: number; image: string | null }>;
}

/** The Checkout Session for an order: every amount from the order's database rows. Pure. */
export function buildCheckoutSessionParams(
  order: CheckoutOrder,
  config: CheckoutConfig,
): Stripe.Checkout.SessionCreateParams {
  const metadata = { order_id: order.id, order_number: String(order.number) };
  const isPublicUrl = config.appUrl.startsWith('https://');
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
        },
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
  };
}
