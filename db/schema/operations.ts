import {
  bigserial,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { orders } from './orders';
import { subscriptionInvoices } from './subscriptions';

/**
 * Mail waiting to go out. Queued inside the transaction that causes it and sent after commit, so a
 * crash never loses a confirmation and a retry never sends two: (order_id, kind) is unique.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid().references(() => orders.id, { onDelete: 'cascade' }),
    /** Set on a subscription invoice's receipt instead of orderId; (invoice, kind) is unique too. */
    subscriptionInvoiceId: uuid().references(() => subscriptionInvoices.id, {
      onDelete: 'cascade',
    }),
    kind: varchar({ length: 64 }).notNull(),
    recipient: varchar({ length: 320 }).notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /** queued → sent, or failed after the retry limit. */
    status: varchar({ length: 16 }).notNull().default('queued'),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('email_outbox_order_kind_unique').on(table.orderId, table.kind),
    unique('email_outbox_invoice_kind_unique').on(table.subscriptionInvoiceId, table.kind),
    index('email_outbox_status_next_attempt_idx').on(table.status, table.nextAttemptAt),
  ],
);

/** Who did what in /admin: every admin mutation writes one row. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    actor: text().notNull(),
    action: varchar({ length: 64 }).notNull(),
    targetType: varchar({ length: 32 }).notNull(),
    targetId: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>(),
    ip: inet(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_log_at_idx').on(table.at.desc()),
    index('audit_log_target_idx').on(table.targetType, table.targetId),
  ],
);

export type EmailOutbox = typeof emailOutbox.$inferSelect;
