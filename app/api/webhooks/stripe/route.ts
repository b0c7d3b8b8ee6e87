import { httpStatusOf } from '@/lib/webhooks/outcome';
import { receiveStripeWebhook } from '@/lib/webhooks/receive';

// The signature check needs Node's crypto and the database needs postgres.js: never the edge.
export const runtime = 'nodejs';

/** Stripe's webhook endpoint: verify, dispatch, answer. The raw body is what Stripe signed. */
export async function POST(request: Request): Promise<Response> {
  const outcome = await receiveStripeWebhook(
    await request.text(),
    request.headers.get('stripe-signature'),
  );
  return Response.json(
    { outcome: outcome.kind },
    { status: httpStatusOf(outcome), headers: { 'Cache-Control': 'no-store' } },
  );
}
