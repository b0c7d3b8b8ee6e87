import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Attempts per key ("email:…", "ip:…", "checkout:ip:…") in a fixed window (lib/platform/rate-limits.ts).
 * It lives in Postgres, not in memory, so a limit holds however many server instances answer.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull().defaultNow(),
  attempts: integer().notNull().default(0),
});
