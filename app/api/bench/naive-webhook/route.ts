import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { benchRoutesDisabled } from '@/lib/platform/bench-routes';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe';

/**
 * Bench comparison only: the webhook most templates ship. It verifies the signature, then asks
 * Stripe for the session with its line items on every event, then updates the order: no dedupe,
 * no transaction, a Stripe round trip per delivery. Shopfront's real webhook is the one to use.
 */
export async function POST(request: Request) {
  const disabled = benchRoutesDisabled();
  if (disabled) return disabled;
  const body = await request.text();
  const event = await stripe().webhooks.constructEventAsync(
    body,
    request.headers.get('stripe-signature') ?? '',
    env().STRIPE_WEBHOOK_SECRET ?? '',
  );
  if (event.type === 'checkout.session.completed') {
    const session = await stripe().checkout.sessions.retrieve(event.data.object.id, {
      expand: ['line_items'],
    });
    if (session.payment_status === 'paid') {
      await db()
        .update(orders)
        .set({ status: 'paid', paidAt: new Date(), email: session.customer_details?.email ?? null })
        .where(eq(orders.stripeCheckoutSessionId, session.id));
    }
  }
  return new Response('ok');
}
