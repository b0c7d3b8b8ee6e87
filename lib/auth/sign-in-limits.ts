import { sql } from 'drizzle-orm';
import { db, type Database } from '@/db/client';
import { signInLimits } from '@/db/schema';

/** Failed-or-not attempts allowed per window; a successful sign-in clears the email's count. */
export const SIGN_IN_LIMITS = {
  perEmail: 5,
  perIp: 20,
  windowSeconds: 15 * 60,
} as const;

/**
 * Counts one attempt against `key` and says whether it is still within `limit`. One upsert, so
 * concurrent attempts on any number of instances are all counted (no read-then-write race).
 */
export async function consumeAttempt(
  key: string,
  limit: number,
  windowSeconds: number = SIGN_IN_LIMITS.windowSeconds,
  database: Database = db(),
): Promise<boolean> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const [row] = await database
    .insert(signInLimits)
    .values({ key, attempts: 1 })
    .onConflictDoUpdate({
      target: signInLimits.key,
      set: {
        attempts: sql`CASE WHEN ${signInLimits.windowStart} <= now() - ${window} THEN 1 ELSE ${signInLimits.attempts} + 1 END`,
        windowStart: sql`CASE WHEN ${signInLimits.windowStart} <= now() - ${window} THEN now() ELSE ${signInLimits.windowStart} END`,
      },
    })
    .returning({ attempts: signInLimits.attempts });
  return (row?.attempts ?? Infinity) <= limit;
}

export async function clearAttempts(key: string): Promise<void> {
  await db()
    .delete(signInLimits)
    .where(sql`${signInLimits.key} = ${key}`);
}

/** Both limits are consumed on every attempt, so probing many emails from one address still stops. */
export async function isSignInAllowed(email: string, ip: string): Promise<boolean> {
  const [emailOk, ipOk] = await Promise.all([
    consumeAttempt(`email:${email}`, SIGN_IN_LIMITS.perEmail),
    consumeAttempt(`ip:${ip}`, SIGN_IN_LIMITS.perIp),
  ]);
  // Expired windows are dead weight: sweeping them on a small share of attempts keeps the table
  // small without a scheduled job.
  if (Math.random() < 0.02) await sweepExpiredWindows();
  return emailOk && ipOk;
}

export async function sweepExpiredWindows(): Promise<void> {
  await db()
    .delete(signInLimits)
    .where(
      sql`${signInLimits.windowStart} <= now() - make_interval(secs => ${SIGN_IN_LIMITS.windowSeconds})`,
    );
}

/** The client's address as the platform's proxy reports it (first X-Forwarded-For hop). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown';
}
