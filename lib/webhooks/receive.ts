import { runAfterResponse } from '@/lib/platform/after-response';
import { syncBalanceSoon } from '@/lib/balance/sync';
import { env } from '@/lib/env';
import { drainSoon, recordStripeEvent } from './inbox';
import type { WebhookOutcome } from './outcome';
import { verifyStripeEvent } from './verify';

/**
 * One delivery from Stripe, raw body to outcome: verify, record in the inbox, answer. Nothing else
 * is on the request path; the inbox is drained after the response (`after()`), and by any
 * instance's worker loop, start-up and the reconcile cron if this process dies first.
 */
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
  let recorded;
  try {
    recorded = await recordStripeEvent(event);
  } catch (error) {
    console.error(`[stripe webhook] ${event.id} ${event.type} could not be recorded:`, error);
    return { kind: 'retryable_error', detail: 'could not record the event; retry later' };
  }
  // A duplicate of an applied event leaves the drains alone: there is nothing new to apply.
  if (recorded === 'duplicate') return { kind: 'duplicate', detail: 'already received' };
  // Where no worker runs (Vercel, lib/webhooks/worker.ts), the delivery also syncs the balance
  // transactions its event caused (its fee), at most every few seconds per instance.
  await runAfterResponse('stripe webhook', async () => {
    await drainSoon();
    if (env().VERCEL === '1') await syncBalanceSoon();
  });
  return recorded === 'received'
    ? { kind: 'received', detail: 'recorded; applied after the response' }
    : { kind: 'duplicate', detail: 'already received; not applied yet, so applied now' };
}
