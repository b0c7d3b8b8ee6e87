import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';

/** A payout's status, as Stripe reports it (docs.stripe.com/api/payouts/object#payout_object-status). */
export const PAYOUT_STATUSES = ['pending', 'in_transit', 'paid', 'failed', 'canceled'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * Stripe's payouts to the merchant's bank, mirrored from their events (lib/balance/payouts.ts) and
 * recovered by reconcile. Amounts are in the currency's smallest unit, as Stripe sends them.
 */
export const payouts = pgTable(
  'payouts',
  {
    /** Stripe's id (po_...). */
    id: text().primaryKey(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: varchar({ length: 3 }).notNull(),
    status: varchar({ length: 20, enum: PAYOUT_STATUSES }).notNull(),
    /** The day the bank should have it (Stripe's `arrival_date`). */
    arrivalDate: timestamp({ withTimezone: true }).notNull(),
    /** When Stripe created it. */
    created: timestamp({ withTimezone: true }).notNull(),
    /** Why it failed (Stripe's `failure_code`, `failure_message`); null unless failed. */
    failureCode: text(),
    failureMessage: text(),
    /** The payout's own balance transaction, and the one that returned the funds if it failed. */
    balanceTransactionId: text(),
    failureBalanceTransactionId: text(),
    description: text(),
    /**
     * The `created` of the newest event (or reconcile read) this row reflects: an older one that
     * arrives late changes nothing. A payout can fail after it was paid, so status has no order.
     */
    reportedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the transactions it paid out were mirrored with its id; null until then. */
    transactionsSyncedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('payouts_created_idx').on(table.created.desc(), table.id),
    // The dashboard's alert and the sync's to-do list are both small partial indexes.
    index('payouts_failed_idx')
      .on(table.created.desc())
      .where(sql`${table.status} = 'failed'`),
    index('payouts_unsynced_idx')
      .on(table.created)
      .where(sql`${table.transactionsSyncedAt} IS NULL`),
  ],
);

/**
 * Every movement of money in and out of the Stripe balance (charges, refunds, dispute withdrawals
 * and reinstatements, fees, payouts and their failures), mirrored from Stripe's balance
 * transactions (lib/balance/sync.ts). `net` = `amount` - `fee`. A row belongs to an order through
 * its payment intent (orders.stripe_payment_intent_id), and to the payout that paid it out.
 */
export const balanceTransactions = pgTable(
  'balance_transactions',
  {
    /** Stripe's id (txn_...). */
    id: text().primaryKey(),
    /** Stripe's `type`: charge, refund, adjustment, payout, payout_failure, stripe_fee, ... */
    type: varchar({ length: 40 }).notNull(),
    /** Stripe's `reporting_category`: charge, refund, dispute, dispute_reversal, payout, fee, ... */
    reportingCategory: varchar({ length: 40 }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    fee: bigint({ mode: 'number' }).notNull(),
    net: bigint({ mode: 'number' }).notNull(),
    currency: varchar({ length: 3 }).notNull(),
    created: timestamp({ withTimezone: true }).notNull(),
    /** When the funds become available; pending before, available from then on. */
    availableOn: timestamp({ withTimezone: true }).notNull(),
    description: text(),
    /** What moved the money: ch_, re_, du_, po_ ... */
    sourceId: text(),
    /** The payment the source belongs to (charges, refunds, disputes); null for payouts and fees. */
    paymentIntentId: text(),
    /** The automatic payout that paid it out; null until one has. */
    payoutId: text(),
  },
  (table) => [
    // The activity report: newest first, optionally within a currency or a reporting category.
    index('balance_transactions_created_idx').on(table.created.desc(), table.id.desc()),
    index('balance_transactions_currency_created_idx').on(
      table.currency,
      table.created.desc(),
      table.id.desc(),
    ),
    index('balance_transactions_category_created_idx').on(
      table.reportingCategory,
      table.created.desc(),
      table.id.desc(),
    ),
    // A payout's page, and an order's fee and net.
    index('balance_transactions_payout_idx').on(table.payoutId, table.created.desc()),
    index('balance_transactions_payment_intent_idx').on(table.paymentIntentId),
  ],
);

/**
 * The balance transactions summed per UTC day, currency and reporting category, so the activity
 * report's totals read a few thousand rows instead of every transaction. Kept by Postgres itself:
 * statement triggers on balance_transactions add what each statement inserts and subtract what it
 * deletes (migration 0011), so no writer can forget it. Never written by the app.
 */
export const balanceDailyTotals = pgTable(
  'balance_daily_totals',
  {
    /** The UTC day of the transactions' `created`, as the report's date filter reads days. */
    day: date({ mode: 'string' }).notNull(),
    currency: varchar({ length: 3 }).notNull(),
    reportingCategory: varchar({ length: 40 }).notNull(),
    /** How many transactions; 0 once every one of the day's was deleted (the row stays). */
    count: bigint({ mode: 'number' }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    fee: bigint({ mode: 'number' }).notNull(),
    net: bigint({ mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.day, table.currency, table.reportingCategory] })],
);

export type Payout = typeof payouts.$inferSelect;
export type BalanceTransaction = typeof balanceTransactions.$inferSelect;
