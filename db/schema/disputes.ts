import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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

/** The evidence fields the store stages and submits: Stripe's names, text values. */
export type DisputeEvidence = Record<string, string | null>;

/**
 * Disputes, mirrored from every charge.dispute.* event (lib/disputes/mirror.ts): the newest report
 * wins, whatever order events arrive in. The order keeps its dispute badge (orders.dispute_status);
 * this row holds what answering the dispute needs: the reason, the deadline and the evidence.
 */
export const disputes = pgTable(
  'disputes',
  {
    /** Stripe's id (du_... or dp_...). */
    id: text().primaryKey(),
    /** The order whose payment is disputed; null for a payment the store has no order for. */
    orderId: uuid().references(() => orders.id, { onDelete: 'set null' }),
    paymentIntentId: text(),
    chargeId: text(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: varchar({ length: 3 }).notNull(),
    /** Stripe's reason: fraudulent, product_not_received, duplicate, ... */
    reason: varchar({ length: 64 }).notNull(),
    /** Stripe's status: warning_needs_response, needs_response, under_review, won, lost, ... */
    status: varchar({ length: 32 }).notNull(),
    /** Stripe's `evidence_details.due_by`: after it, the dispute is lost unanswered. */
    evidenceDueBy: timestamp({ withTimezone: true }),
    hasEvidence: boolean().notNull().default(false),
    submissionCount: integer().notNull().default(0),
    /** The evidence Stripe holds (staged or submitted): the text fields that are set. */
    evidence: jsonb().$type<DisputeEvidence>().notNull().default({}),
    created: timestamp({ withTimezone: true }).notNull(),
    /** The `created` of the newest event (or API answer) this row reflects. */
    reportedAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The disputes list and the dashboard: open ones, most urgent first.
    index('disputes_status_due_by_idx').on(table.status, table.evidenceDueBy),
    index('disputes_order_id_idx').on(table.orderId),
  ],
);

/**
 * Radar's early fraud warnings: the card issuer says a payment is likely fraudulent, usually before
 * a dispute; refunding in full then avoids the dispute and its fee. Mirrored from
 * radar.early_fraud_warning.* events.
 */
export const earlyFraudWarnings = pgTable(
  'early_fraud_warnings',
  {
    /** Stripe's id (issfr_...). */
    id: text().primaryKey(),
    orderId: uuid().references(() => orders.id, { onDelete: 'set null' }),
    paymentIntentId: text(),
    chargeId: text(),
    /** Stripe's fraud_type: made_with_stolen_card, unauthorized_use_of_card, ... */
    fraudType: varchar({ length: 64 }).notNull(),
    /** False once the payment is refunded in full or disputed: nothing left to act on. */
    actionable: boolean().notNull(),
    created: timestamp({ withTimezone: true }).notNull(),
    reportedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('early_fraud_warnings_order_id_idx').on(table.orderId),
    index('early_fraud_warnings_actionable_idx')
      .on(table.created.desc())
      .where(sql`${table.actionable}`),
  ],
);

export type Dispute = typeof disputes.$inferSelect;
export type EarlyFraudWarning = typeof earlyFraudWarnings.$inferSelect;
