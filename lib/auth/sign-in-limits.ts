import { consumeAttempt } from '@/lib/platform/rate-limits';

/** Attempts allowed per window, failed or not; a successful sign-in clears the email's count. */
export const SIGN_IN_LIMITS = {
  perEmail: 5,
  perIp: 20,
  windowSeconds: 15 * 60,
} as const;

export const signInEmailKey = (email: string) => `email:${email}`;

/** Both limits are consumed on every attempt, so probing many emails from one address still stops. */
export async function isSignInAllowed(email: string, ip: string): Promise<boolean> {
  const { perEmail, perIp, windowSeconds } = SIGN_IN_LIMITS;
  const [emailOk, ipOk] = await Promise.all([
    consumeAttempt(signInEmailKey(email), { limit: perEmail, windowSeconds }),
    consumeAttempt(`ip:${ip}`, { limit: perIp, windowSeconds }),
  ]);
  return emailOk && ipOk;
}
