import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** How often a recurring product bills, as Stripe's `recurring.interval` (we sell month and year). */
export const billingInterval = pgEnum('billing_interval', ['month', 'year']);

export const products = pgTable(
  'products',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: varchar({ length: 120 }).notNull().unique(),
    name: varchar({ length: 200 }).notNull(),
    description: text().notNull().default(''),
    /** A path under /public (e.g. /products/mug.svg): images ship with the store. */
    image: text(),
    /** Price in the currency's minor unit (cents, öre; yen are already whole). */
    unitAmount: integer().notNull(),
    currency: varchar({ length: 3 }).notNull(),
    /** null = unlimited. Reservations decrement it atomically; the check keeps it from going negative. */
    stock: integer(),
    active: boolean().notNull().default(true),
    /** Set on recurring products (memberships, refills): unitAmount is charged every `count` intervals. */
    recurringInterval: billingInterval(),
    recurringIntervalCount: integer(),
    /** A physical good: its checkout asks for a shipping address and offers shipping rates. */
    ships: boolean().notNull().default(false),
    /** Stripe Tax's product tax code (txcd_...); null = the account's default tax code. */
    taxCode: varchar({ length: 40 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('products_unit_amount_nonnegative', sql`${table.unitAmount} >= 0`),
    check('products_stock_nonnegative', sql`${table.stock} IS NULL OR ${table.stock} >= 0`),
    check('products_currency_lowercase', sql`${table.currency} ~ '^[a-z]{3}$'`),
    check(
      'products_recurring_complete',
      sql`(${table.recurringInterval} IS NULL AND ${table.recurringIntervalCount} IS NULL) OR (${table.recurringInterval} IS NOT NULL AND ${table.recurringIntervalCount} BETWEEN 1 AND 12)`,
    ),
    check(
      'products_tax_code_format',
      sql`${table.taxCode} IS NULL OR ${table.taxCode} ~ '^txcd_[0-9]{8}$'`,
    ),
    index('products_active_name_idx').on(table.active, table.name),
  ],
);

export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type BillingInterval = (typeof billingInterval.enumValues)[number];
