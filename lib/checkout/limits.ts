import { consumeAttempt, type RateLimit } from '@/lib/platform/rate-limits';

/**
 * Checkouts a client may start per window. Each one holds stock for half an hour and opens a
 * Checkout Session, so an unlimited client could hold the whole catalogue; a shopper who changes
 * their mind a few times never comes close, and a household or office behind one address has room.
 */
export const CHECKOUT_LIMIT: RateLimit = { limit: 20, windowSeconds: 10 * 60 };

export async function isCheckoutAllowed(ip: string): Promise<boolean> {
  return consumeAttempt(`checkout:ip:${ip}`, CHECKOUT_LIMIT);
}
