import { sql } from 'drizzle-orm';
import { db, type Database } from '@/db/client';
import { rateLimits } from '@/db/schema';

/**
 * The one rate-limit mechanism: fixed windows counted in Postgres, so a limit holds however many
 * server instances answer (an in-memory counter would give each instance its own allowance).
 * Policies (admin sign-in, checkout) name their keys, limits and windows.
 */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** The longest window any policy uses: rows older than this are dead weight. */
const LONGEST_WINDOW_SECONDS = 60 * 60;

/**
 * Counts one attempt against `key` and says whether it is still within the limit. One upsert, so
 * concurrent attempts on any number of instances are all counted (no read-then-write race).
 */
export async function consumeAttempt(
  key: string,
  { limit, windowSeconds }: RateLimit,
  database: Database = db(),
): Promise<boolean> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const [row] = await database
    .insert(rateLimits)
    .values({ key, attempts: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        attempts: sql`CASE WHEN ${rateLimits.windowStart} <= now() - ${window} THEN 1 ELSE ${rateLimits.attempts} + 1 END`,
        windowStart: sql`CASE WHEN ${rateLimits.windowStart} <= now() - ${window} THEN now() ELSE ${rateLimits.windowStart} END`,
      },
    })
    .returning({ attempts: rateLimits.attempts });
  // Expired windows are dead weight: sweeping them on a small share of attempts keeps the table
  // small without a scheduled job.
  if (Math.random() < 0.02) await sweepExpiredWindows(database);
  return (row?.attempts ?? Infinity) <= limit;
}

export async function clearAttempts(key: string): Promise<void> {
  await db()
    .delete(rateLimits)
    .where(sql`${rateLimits.key} = ${key}`);
}

export async function sweepExpiredWindows(
  database: Database = db(),
  olderThanSeconds: number = LONGEST_WINDOW_SECONDS,
): Promise<void> {
  await database
    .delete(rateLimits)
    .where(sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${olderThanSeconds})`);
}
