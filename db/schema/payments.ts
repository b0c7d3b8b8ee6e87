import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { orders } from './orders';

/** Where an event is in the inbox (lib/webhooks/inbox.ts). */
export const STRIPE_EVENT_STATES = ['received', 'waiting', 'applied', 'failed'] as const;
export type StripeEventState = (typeof STRIPE_EVENT_STATES)[number];

/**
 * The webhook inbox: every Stripe event we have received, with its payload, until and after it is
 * applied. Inserting the row is the dedupe: a second delivery of the same event finds it (ON
 * CONFLICT DO NOTHING) and changes nothing. The route records and answers; drains apply
 * (`received` → `applied`), park an event whose payment the store does not know yet (`waiting`),
 * or keep the error of one that failed (`failed`, retried on `next_attempt_at`, or by an operator).
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text().primaryKey(),
    type: varchar({ length: 100 }).notNull(),
    /** When Stripe created the event (its `created`), not when it reached us. */
    created: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The verified event as Stripe sent it; null only on rows from before the inbox. */
    payload: jsonb(),
    state: varchar({ length: 20, enum: STRIPE_EVENT_STATES }).notNull().default('received'),
    /** When a drain should next take it; null once applied, or failed for good (an operator's). */
    nextAttemptAt: timestamp({ withTimezone: true }).defaultNow(),
    attempts: integer().notNull().default(0),
    /** The payment a `waiting` event refers to: it is woken when an order holds that payment. */
    waitingFor: text(),
    /** The last failure's message, for the admin event log. */
    lastError: text(),
    processedAt: timestamp({ withTimezone: true }),
    /** One line saying what the handler did ("order 1042 paid", "ignored: unknown order"). */
    result: text(),
  },
  (table) => [
    index('stripe_events_received_at_idx').on(table.receivedAt.desc()),
    index('stripe_events_type_idx').on(table.type),
    // What drains take and the admin's backlog counts: only unapplied rows, oldest first, so the
    // index stays as small as the backlog.
    index('stripe_events_unapplied_idx')
      .on(table.created, table.receivedAt)
      .where(sql`${table.state} <> 'applied'`),
    index('stripe_events_waiting_for_idx')
      .on(table.waitingFor)
      .where(sql`${table.state} = 'waiting'`),
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
 * `created` of the newest event it has applied; the balance sync's is also the id of the newest
 * balance transaction it has mirrored (Stripe's lists page toward newer objects from an id).
 */
export const syncCursors = pgTable('sync_cursors', {
  name: varchar({ length: 64 }).primaryKey(),
  position: timestamp({ withTimezone: true }).notNull(),
  lastId: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type StripeEvent = typeof stripeEvents.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
