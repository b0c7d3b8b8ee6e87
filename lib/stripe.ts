import Stripe from 'stripe';
import { env } from './env';

/**
 * The one configured Stripe client: real Stripe, or the local emulator when STRIPE_API_BASE is
 * set (development and tests). Every Stripe call in the app goes through `stripe()`.
 */
let client: Stripe | undefined;

export function stripe(): Stripe {
  if (client) return client;
  const config = env();
  if (!config.STRIPE_SECRET_KEY) {
    throw new Error(
      'STRIPE_SECRET_KEY is not set. `npm run dev` starts the Stripe emulator and sets it; otherwise set sk_test_... or sk_live_...',
    );
  }
  const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : undefined;
  client = new Stripe(config.STRIPE_SECRET_KEY, {
    // Network errors, 409s and 5xx are retried with the same idempotency key, so retries are safe.
    maxNetworkRetries: 2,
    timeout: 15_000,
    appInfo: { name: 'Shopfront' },
    ...(base && {
      host: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
    }),
  });
  return client;
}

/** True when Stripe's Dashboard exists for these objects (a real key, not the emulator). */
export function isRealStripe(): boolean {
  return !env().STRIPE_API_BASE;
}
