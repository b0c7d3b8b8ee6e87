import { benchRoutesDisabled } from '@/lib/platform/bench-routes';
import { env } from '@/lib/env';
import { stripe } from '@/lib/stripe';

// Bench baseline: the route plus signature verification, and nothing else (the crypto limit).
export async function POST(request: Request) {
  const disabled = benchRoutesDisabled();
  if (disabled) return disabled;
  const body = await request.text();
  try {
    await stripe().webhooks.constructEventAsync(
      body,
      request.headers.get('stripe-signature') ?? '',
      env().STRIPE_WEBHOOK_SECRET ?? '',
    );
  } catch {
    return new Response('bad signature', { status: 400 });
  }
  return new Response('ok');
}
