import type Stripe from 'stripe';
import { benchRoutesDisabled } from '@/lib/platform/bench-routes';
import { startCheckout } from '@/lib/checkout/start';
import { stripe } from '@/lib/stripe';

// Bench: cart → pending order with stock held → Checkout Session URL, timed on the server, with
// the Stripe call's own time (matched by our idempotency key) reported apart so it can be subtracted.
const stripeMsByKey = new Map<string, number>();
let isListening = false;

export async function POST(request: Request) {
  const disabled = benchRoutesDisabled();
  if (disabled) return disabled;
  if (!isListening) {
    stripe().on('response', (event: Stripe.ResponseEvent) => {
      if (event.idempotency_key) stripeMsByKey.set(event.idempotency_key, event.elapsed);
    });
    isListening = true;
  }
  const { productId, quantity } = (await request.json()) as { productId: string; quantity: number };
  const started = performance.now();
  const result = await startCheckout({ cart: { lines: [{ productId, quantity }] } });
  const totalMs = performance.now() - started;
  if (result.kind !== 'redirect') return Response.json(result, { status: 409 });
  const key = `checkout-session:${result.orderId}`;
  const stripeMs = stripeMsByKey.get(key) ?? 0;
  stripeMsByKey.delete(key);
  return Response.json({ url: result.url, totalMs, stripeMs });
}
