import type Stripe from 'stripe';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe';
import type { WebhookOutcome } from './outcome';

export type Verification =
  | { kind: 'verified'; event: Stripe.Event }
  | Extract<WebhookOutcome, { kind: 'invalid_signature' | 'not_configured' }>;

/**
 * Checks the Stripe-Signature header against the raw body (HMAC with STRIPE_WEBHOOK_SECRET, events
 * older than Stripe's 300 s tolerance refused). Without a secret nothing is parsed: an unverified
 * "checkout.session.completed" would let anyone mark orders paid.
 */
export async function verifyStripeEvent(
  payload: string,
  signature: string | null,
): Promise<Verification> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret)
    return {
      kind: 'not_configured',
      detail: 'STRIPE_WEBHOOK_SECRET is not set: refusing to read unverified webhooks',
    };
  if (!signature) return { kind: 'invalid_signature', detail: 'no Stripe-Signature header' };
  const client = stripe();
  try {
    return {
      kind: 'verified',
      event: await client.webhooks.constructEventAsync(payload, signature, secret),
    };
  } catch (error) {
    // A bad signature, an old timestamp, or a signed body that is not JSON: all are refused.
    return {
      kind: 'invalid_signature',
      detail: error instanceof Error ? error.message : 'signature verification failed',
    };
  }
}
