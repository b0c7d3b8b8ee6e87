import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { billingInterval, products } from './products';
import { users } from './users';

/**
 * Our mirror of Stripe's subscriptions, written only by their webhooks (lib/subscriptions/state.ts
 * says which snapshot wins when events arrive out of order). Keyed by Stripe's id: any of the
 * session, subscription or invoice events may be the first to name it.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    stripeSubscriptionId: text().notNull().unique(),
    stripeCustomerId: text(),
    stripeCheckoutSessionId: text().unique(),
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    productId: uuid().references(() => products.id, { onDelete: 'set null' }),
    /** Stripe's status: incomplete, active, past_due, canceled, unpaid, ... */
    status: varchar({ length: 32 }).notNull().default('incomplete'),
    name: text(),
    unitAmount: integer(),
    currency: varchar({ length: 3 }),
    interval: billingInterval(),
    intervalCount: integer(),
    currentPeriodStart: timestamp({ withTimezone: true }),
    currentPeriodEnd: timestamp({ withTimezone: true }),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    canceledAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    /** `created` of the event whose snapshot is stored (null: only the session is known yet). */
    stateEventCreated: timestamp({ withTimezone: true }),
    /** A change the customer asked Stripe for, until its webhook shows it: cancel, resume, cancel_now. */
    pendingChange: varchar({ length: 32 }),
    pendingSince: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('subscriptions_user_id_idx').on(table.userId),
    index('subscriptions_status_idx').on(table.status),
  ],
);

/** Subscription invoices as Stripe last reported them: one row per invoice, paid ones never unpaid. */
export const subscriptionInvoices = pgTable(
  'subscription_invoices',
  {
    id: uuid().primaryKey().defaultRandom(),
    stripeInvoiceId: text().notNull().unique(),
    stripeSubscriptionId: text().notNull(),
    /** Stripe's status: draft, open, paid, uncollectible, void. */
    status: varchar({ length: 16 }).notNull(),
    billingReason: varchar({ length: 32 }),
    currency: varchar({ length: 3 }).notNull(),
    amountDue: integer().notNull(),
    amountPaid: integer().notNull(),
    attemptCount: smallint().notNull().default(0),
    /** The service period paid for (the line's period, not the invoice's). */
    periodStart: timestamp({ withTimezone: true }),
    periodEnd: timestamp({ withTimezone: true }),
    customerEmail: text(),
    paidAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('subscription_invoices_amounts_nonnegative', sql`${table.amountPaid} >= 0`),
    index('subscription_invoices_subscription_idx').on(table.stripeSubscriptionId, table.createdAt),
  ],
);

export type Subscription = typeof subscriptions.$inferSelect;
export type SubscriptionInvoice = typeof subscriptionInvoices.$inferSelect;
