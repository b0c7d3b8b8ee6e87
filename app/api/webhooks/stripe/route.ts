import { httpStatusOf, type WebhookOutcome } from '@/lib/webhooks/outcome';
import { MAX_WEBHOOK_BODY_BYTES, readBodyWithin } from '@/lib/webhooks/read-body';
import { receiveStripeWebhook } from '@/lib/webhooks/receive';

// The signature check needs Node's crypto and the database needs postgres.js: never the edge.
export const runtime = 'nodejs';

/** Stripe's webhook endpoint: verify, dispatch, answer. The raw body is what Stripe signed. */
export async function POST(request: Request): Promise<Response> {
  const body = await readBodyWithin(request, MAX_WEBHOOK_BODY_BYTES);
  let outcome: WebhookOutcome;
  if (body.kind === 'too_large') {
    outcome = { kind: 'payload_too_large', detail: `over ${MAX_WEBHOOK_BODY_BYTES} bytes` };
    console.warn(`[stripe webhook] rejected: body ${outcome.detail}`);
  } else if (body.kind === 'unreadable') {
    outcome = { kind: 'unreadable_body', detail: 'the body could not be read' };
  } else {
    outcome = await receiveStripeWebhook(body.text, request.headers.get('stripe-signature'));
  }
  return Response.json(
    { outcome: outcome.kind },
    { status: httpStatusOf(outcome), headers: { 'Cache-Control': 'no-store' } },
  );
}
