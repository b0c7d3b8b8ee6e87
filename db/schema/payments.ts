import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { orders } from './orders';

/**
 * Every Stripe event we have received. Inserting the row is the dedupe: a second delivery of the
 * same event finds it (ON CONFLICT DO NOTHING) and changes nothing.
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text().primaryKey(),
    type: varchar({ length: 100 }).notNull(),
    /** When Stripe created the event (its `created`), not when it reached us. */
    created: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    /** One line saying what the handler did ("order 1042 paid", "ignored: unknown order"). */
    result: text(),
  },
  (table) => [
    index('stripe_events_received_at_idx').on(table.receivedAt.desc()),
    index('stripe_events_type_idx').on(table.type),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    stripeRefundId: text().notNull().unique(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    amount: integer().notNull(),
    currency: varchar({ length: 3 }).notNull(),
    /** Stripe's refund status: pending, requires_action, succeeded, failed, canceled. */
    status: varchar({ length: 32 }).notNull(),
    reason: text(),
    actor: text().notNull(),
    /** When Stripe reported the failure (its event's `created`): older charge reports are stale. */
    failedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('refunds_amount_positive', sql`${table.amount} > 0`),
    index('refunds_order_id_idx').on(table.orderId),
  ],
);

/**
 * Where a periodic job got to, by name: reconcile's position in Stripe's event list is the
 * `created` of the newest event it has applied.
 */
export const syncCursors = pgTable('sync_cursors', {
  name: varchar({ length: 64 }).primaryKey(),
  position: timestamp({ withTimezone: true }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type StripeEvent = typeof stripeEvents.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
