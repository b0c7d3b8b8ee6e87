import { dispatchStripeEvent } from './dispatch';
import type { WebhookOutcome } from './outcome';
import { verifyStripeEvent } from './verify';

/** One delivery from Stripe, raw body to outcome, with the one log line it deserves. */
export async function receiveStripeWebhook(
  payload: string,
  signature: string | null,
): Promise<WebhookOutcome> {
  const verification = await verifyStripeEvent(payload, signature);
  if (verification.kind === 'not_configured') {
    console.error(`[stripe webhook] configuration error: ${verification.detail}`);
    return verification;
  }
  if (verification.kind === 'invalid_signature' || verification.kind === 'invalid_event') {
    console.warn(`[stripe webhook] rejected: ${verification.detail}`);
    return verification;
  }
  const { event } = verification;
  const outcome = await dispatchStripeEvent(event);
  console.info(`[stripe webhook] ${event.id} ${event.type} ${outcome.kind}: ${outcome.detail}`);
  return outcome;
}
