import type Stripe from 'stripe';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe';
import type { WebhookOutcome } from './outcome';

export type Verification =
  | { kind: 'verified'; event: Stripe.Event }
  | Extract<WebhookOutcome, { kind: 'invalid_signature' | 'invalid_event' | 'not_configured' }>;

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
    const event = await client.webhooks.constructEventAsync(payload, signature, secret);
    const problem = envelopeProblem(event);
    return problem ? { kind: 'invalid_event', detail: problem } : { kind: 'verified', event };
  } catch (error) {
    // A bad signature, an old timestamp, or a signed body that is not JSON: all are refused.
    return {
      kind: 'invalid_signature',
      detail: error instanceof Error ? error.message : 'signature verification failed',
    };
  }
}

/**
 * Signed JSON is not necessarily an event: only Stripe and whoever holds the secret can sign, but
 * the envelope is checked before anything trusts it (its id is the dedupe key, its time a column),
 * so a malformed one is refused with a 400 rather than failing in the database with a 500 that
 * would be retried forever.
 */
function envelopeProblem(event: Stripe.Event): string | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    return 'signed, but not a JSON object';
  const candidate = event as unknown as Record<string, unknown>;
  const data = candidate.data as Record<string, unknown> | null | undefined;
  if (typeof candidate.id !== 'string' || !/^evt_\w{1,255}$/.test(candidate.id))
    return 'signed, but the id is not an evt_ id';
  if (typeof candidate.type !== 'string' || !/^[a-z_]+(\.[a-z_]+){1,4}$/.test(candidate.type))
    return 'signed, but the type is not an event type';
  if (
    typeof candidate.created !== 'number' ||
    !Number.isInteger(candidate.created) ||
    candidate.created < 0 ||
    candidate.created > 10_000_000_000
  )
    return 'signed, but created is not a Unix time';
  if (typeof data !== 'object' || data === null || typeof data.object !== 'object' || !data.object)
    return 'signed, but there is no data.object';
  return undefined;
}
