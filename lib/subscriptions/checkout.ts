import { and, eq, notInArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { products, subscriptions, type BillingInterval } from '@/db/schema';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe';

export interface RecurringProduct {
  id: string;
  slug: string;
  name: string;
  unitAmount: number;
  currency: string;
  recurringInterval: BillingInterval;
  recurringIntervalCount: number;
}

export type SubscriptionCheckoutResult =
  { kind: 'redirect'; url: string; sessionId: string } | { kind: 'rejected'; message: string };

/**
 * The subscription-mode Checkout Session for one recurring product. Metadata on the session and
 * on the subscription (`subscription_data`) name our user and product, so whichever of their
 * events arrives first can link the subscription to them. Pure.
 */
export function buildSubscriptionSessionParams(
  product: RecurringProduct,
  customer: { userId: string; stripeCustomerId: string },
  config: { appUrl: string },
): Stripe.Checkout.SessionCreateParams {
  const metadata = { user_id: customer.userId, product_id: product.id };
  return {
    mode: 'subscription',
    customer: customer.stripeCustomerId,
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: product.currency,
          unit_amount: product.unitAmount,
          recurring: {
            interval: product.recurringInterval,
            interval_count: product.recurringIntervalCount,
          },
          product_data: { name: product.name },
        },
      },
    ],
    client_reference_id: customer.userId,
    metadata,
    subscription_data: { metadata },
    success_url: `${config.appUrl}/account/subscriptions/welcome?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${config.appUrl}/products/${product.slug}`,
  };
}

/** Statuses after which a customer may subscribe to the same product again. */
const ENDED = ['canceled', 'incomplete_expired'];

/** Opens a subscription Checkout Session for a signed-in customer who has a Stripe Customer. */
export async function startSubscriptionCheckout(input: {
  userId: string;
  stripeCustomerId: string;
  productId: string;
}): Promise<SubscriptionCheckoutResult> {
  const [product] = await db()
    .select()
    .from(products)
    .where(and(eq(products.id, input.productId), eq(products.active, true)));
  if (!product?.recurringInterval || !product.recurringIntervalCount) {
    return { kind: 'rejected', message: 'This product can’t be subscribed to.' };
  }
  const [existing] = await db()
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, input.userId),
        eq(subscriptions.productId, product.id),
        notInArray(subscriptions.status, ENDED),
      ),
    )
    .limit(1);
  if (existing) {
    return { kind: 'rejected', message: `You already subscribe to ${product.name}.` };
  }
  const params = buildSubscriptionSessionParams(
    {
      ...product,
      recurringInterval: product.recurringInterval,
      recurringIntervalCount: product.recurringIntervalCount,
    },
    input,
    { appUrl: env().APP_URL },
  );
  try {
    const session = await stripe().checkout.sessions.create(params);
    return { kind: 'redirect', url: session.url!, sessionId: session.id };
  } catch (error) {
    console.error(`subscriptions: Stripe refused a session for product ${product.id}:`, error);
    return {
      kind: 'rejected',
      message: 'We couldn’t start the subscription. Nothing was charged; please try again.',
    };
  }
}
