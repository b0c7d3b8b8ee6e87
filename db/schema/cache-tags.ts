import { doublePrecision, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * When each cache tag (CATALOGUE_TAG, Next's path tags) was last revalidated, by any instance: the
 * shared half of lib/platform/cache-handler.mjs. Every instance keeps its cached pages and reads in
 * its own memory and learns from this table (NOTIFY, then a poll) which of them are now out of date.
 */
export const cacheTagRevalidations = pgTable('cache_tag_revalidations', {
  tag: text().primaryKey(),
  /** Next's `expire` duration of the revalidation in seconds; null = expired at once (updateTag). */
  expireSeconds: doublePrecision(),
  revalidatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
