import Stripe from 'stripe';
import type { CheckoutResult } from '@/lib/checkout/result';

/**
 * Logs why Stripe opened no Checkout Session, and says what the customer is told when it is the
 * store's fault. A refusal of the request itself (invalid_request_error, a refused key) is the store
 * and Stripe disagreeing, which no retry and nothing in the customer's cart can fix: the customer
 * hears it is on our side, the operator gets Stripe's reason and where to look. Anything else (no
 * answer, an outage) may pass: null, and the caller asks the customer to try again.
 */
export function checkoutSessionFailure(
  error: unknown,
  orderNumber: number,
): Extract<CheckoutResult, { kind: 'rejected' }> | null {
  const fix = fixFor(error);
  if (!fix) {
    console.error(`checkout: Stripe did not open a session for order ${orderNumber}:`, error);
    return null;
  }
  const { code, param, message } = error as Stripe.errors.StripeError;
  console.error(
    `checkout: Stripe refused the Checkout Session for order ${orderNumber}` +
      `${param ? ` (param ${param}${code ? `, ${code}` : ''})` : ''}: ${message}\n` +
      `  Every checkout fails until this is fixed. ${fix}`,
  );
  return STORE_FAULT;
}

const STORE_FAULT: Extract<CheckoutResult, { kind: 'rejected' }> = {
  kind: 'rejected',
  message:
    'The store could not start checkout. This is a problem on our side, not with your cart or card: nothing was charged and your cart is saved. Please try again later.',
  problems: [],
};

/** The operator's next step for a refusal no retry fixes, or null for a failure that may pass. */
function fixFor(error: unknown): string | null {
  if (error instanceof Stripe.errors.StripeAuthenticationError)
    return 'Stripe refuses STRIPE_SECRET_KEY: set a current key (Dashboard → Developers → API keys).';
  if (error instanceof Stripe.errors.StripePermissionError)
    return 'STRIPE_SECRET_KEY may not create Checkout Sessions: use a secret key, or give this restricted key that permission.';
  if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) return null;
  if (error.param === 'expires_at')
    return (
      'Stripe judges expires_at (31 minutes after now by this server’s clock) by its own clock: ' +
      'check that this server’s clock is right (NTP). With the Stripe emulator, one from before test ' +
      'clocks kept a global clock offset in its state file: update it, or delete .data/emulator.json.'
    );
  return 'The session the store asks for (lib/checkout/start.ts, buildCheckoutSessionParams) is one this Stripe account or API version refuses: Stripe’s message above names the parameter.';
}
