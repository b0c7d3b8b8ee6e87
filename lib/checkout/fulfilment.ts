import Stripe from 'stripe';
import { db, type Executor } from '@/db/client';
import { afterCommit, effectsOf } from '@/lib/orders/after-commit';
import type { CheckoutDetails, OrderFact } from '@/lib/orders/state';
import { applyOrderFact, type TransitionResult } from '@/lib/orders/transition';
import { lockOrder } from '@/lib/orders/record';
import { sessionSummary, withPromotionCodeText } from '@/lib/checkout/session-summary';
import { stripe } from '@/lib/stripe';

/**
 * Fulfilment (docs.stripe.com/checkout/fulfilment): one path, shared by the webhook and the
 * success page, that applies what a Checkout Session says to its order. Safe to run any number of
 * times concurrently: the order's row lock serialises the callers and the forward-only state
 * machine turns every call after the first into "no change".
 */

export interface FulfilmentSource {
  stripeEventId?: string;
  actor: 'stripe' | 'customer' | 'system';
}

export type FulfilmentResult = TransitionResult | { kind: 'unknown_order'; reason: string };

/** Applies the session's current state to its order, in its own transaction. */
export async function fulfilCheckout(
  session: Stripe.Checkout.Session,
  source: FulfilmentSource,
): Promise<FulfilmentResult> {
  const fact = factFromSession(session, new Date());
  const result = await db().transaction((tx) => applyCheckoutFact(tx, session, fact, source));
  if (result.kind === 'order') await afterCommit(effectsOf(result));
  return result;
}

/**
 * For the success page: retrieves the session from Stripe (the URL's session_id is the customer's
 * word, Stripe's answer is the truth) and fulfils it. An id Stripe does not know is not an error.
 * Reconcile calls it too, as 'system', for orders still pending after their session expired.
 */
export async function fulfilCheckoutById(
  sessionId: string,
  source: FulfilmentSource = { actor: 'customer' },
): Promise<FulfilmentResult | { kind: 'unknown_session' }> {
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe().checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if (isMissingResource(error)) return { kind: 'unknown_session' };
    throw error;
  }
  return fulfilCheckout(session, source);
}

/**
 * The core of fulfilment, inside the caller's transaction: find and lock the session's order, then
 * apply the fact (lib/orders/transition.ts). The webhook handlers call this with their event's fact.
 */
export async function applyCheckoutFact(
  tx: Executor,
  session: Stripe.Checkout.Session,
  fact: OrderFact | null,
  source: FulfilmentSource,
): Promise<FulfilmentResult> {
  const order = await lockOrder(tx, {
    orderId: session.metadata?.order_id ?? null,
    checkoutSessionId: session.id,
  });
  if (!order) return { kind: 'unknown_order', reason: `no order for session ${session.id}` };
  // A customer who checks out again gets a new session; events of the old one must not touch it.
  if (order.stripeCheckoutSessionId && order.stripeCheckoutSessionId !== session.id)
    return {
      kind: 'unknown_order',
      reason: `order ${order.number} belongs to another session than ${session.id}`,
    };

  return applyOrderFact(tx, order, fact && (await withPromotionCodeText(tx, fact)), source, {
    // The checkout action stores the session id after Stripe answers; an event may come first.
    set: { stripeCheckoutSessionId: session.id },
    detail: { checkoutSessionId: session.id },
  });
}

/**
 * What a Checkout Session says by itself (the success page's view). An open session says nothing
 * yet. A completed-unpaid session cannot tell "still processing" from "async payment failed": only
 * the webhook's event type can, so the success page never marks an order failed.
 */
export function factFromSession(session: Stripe.Checkout.Session, at: Date): OrderFact | null {
  if (session.status === 'expired') return { kind: 'checkout_expired' };
  if (session.status !== 'complete') return null;
  return {
    kind: 'checkout_completed',
    paymentStatus: paymentStatusOf(session),
    captureMethod: captureMethodOf(session),
    at,
    summary: sessionSummary(session),
    ...checkoutDetails(session),
  };
}

/** checkout.session.async_payment_succeeded: the session is paid, with what it recorded. */
export function asyncPaymentSucceededFact(session: Stripe.Checkout.Session, at: Date): OrderFact {
  return {
    kind: 'async_payment_succeeded',
    at,
    summary: sessionSummary(session),
    ...checkoutDetails(session),
  };
}

/** The customer details every checkout.session.* event carries. */
export function checkoutDetails(session: Stripe.Checkout.Session): CheckoutDetails {
  const intent = session.payment_intent;
  return {
    email: session.customer_details?.email ?? session.customer_email ?? null,
    name: session.customer_details?.name ?? null,
    paymentIntentId: typeof intent === 'string' ? intent : (intent?.id ?? null),
  };
}

/** Only an expanded PaymentIntent says how it captures; otherwise the order's own setting applies. */
function captureMethodOf(session: Stripe.Checkout.Session): 'automatic' | 'manual' | null {
  const intent = session.payment_intent;
  if (!intent || typeof intent === 'string') return null;
  return intent.capture_method === 'manual' ? 'manual' : 'automatic';
}

/** A payment status this code does not know yet is treated as not paid: never ship unpaid goods. */
function paymentStatusOf(
  session: Stripe.Checkout.Session,
): 'paid' | 'unpaid' | 'no_payment_required' {
  switch (session.payment_status) {
    case 'paid':
      return 'paid';
    case 'no_payment_required':
      return 'no_payment_required';
    default:
      return 'unpaid';
  }
}

/** Stripe's answer for an id it has never issued: 404, invalid_request_error, resource_missing. */
function isMissingResource(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing'
  );
}
