import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Admin sign-in attempts per key ("email:…" or "ip:…") in a fixed window. It lives in Postgres, not
 * in memory, so the limit holds however many server instances answer sign-ins.
 */
export const signInLimits = pgTable('sign_in_limits', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull().defaultNow(),
  attempts: integer().notNull().default(0),
});
