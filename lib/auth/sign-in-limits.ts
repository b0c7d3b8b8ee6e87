import { consumeAttempt, type RateLimit } from '@/lib/platform/rate-limits';

/**
 * The sign-in policies: admin password attempts and emailed links, per email and per client
 * (lib/platform/client-address.ts), counted by the one rate-limit mechanism.
 */

/** Password attempts, failed or not; a successful sign-in clears the email's count. */
export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perClient: { limit: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimit>;

/** Links asked for: enough for a typo, not for filling someone's inbox. */
export const LINK_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 15 * 60 },
  perClient: { limit: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimit>;

export const signInEmailKey = (email: string) => `email:${email}`;

/** Both limits are consumed on every attempt, so probing many emails from one client still stops. */
export async function isSignInAllowed(email: string, client: string): Promise<boolean> {
  const [emailOk, clientOk] = await Promise.all([
    consumeAttempt(signInEmailKey(email), SIGN_IN_LIMITS.perEmail),
    consumeAttempt(`ip:${client}`, SIGN_IN_LIMITS.perClient),
  ]);
  return emailOk && clientOk;
}

export async function isLinkRequestAllowed(email: string, client: string): Promise<boolean> {
  const [emailOk, clientOk] = await Promise.all([
    consumeAttempt(`link:${email}`, LINK_LIMITS.perEmail),
    consumeAttempt(`link-ip:${client}`, LINK_LIMITS.perClient),
  ]);
  return emailOk && clientOk;
}
