import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * Where the store ships and what it costs (lib/shipping). A zone is a set of countries; the union
 * of every zone's countries is where the store ships (Checkout's `shipping_address_collection`).
 * The shopper picks their country in the cart, so a session offers that zone's rates only.
 */
export const shippingZones = pgTable(
  'shipping_zones',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 100 }).notNull(),
    /** ISO 3166-1 alpha-2 codes, upper case, as Stripe's `allowed_countries`. */
    countries: text().array().notNull(),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('shipping_zones_has_countries', sql`cardinality(${table.countries}) > 0`)],
);

/** A rate a zone offers: a fixed amount, free over a threshold, with a delivery estimate. */
export const shippingRates = pgTable(
  'shipping_rates',
  {
    id: uuid().primaryKey().defaultRandom(),
    zoneId: uuid()
      .notNull()
      .references(() => shippingZones.id, { onDelete: 'cascade' }),
    /** What the shopper reads on Stripe's page ("Standard", "Express"). */
    name: varchar({ length: 100 }).notNull(),
    /** In the currency's minor unit. */
    amount: integer().notNull(),
    currency: varchar({ length: 3 }).notNull(),
    /** A cart whose subtotal reaches this (minor units) ships at this rate for free; null = never. */
    freeOverAmount: integer(),
    /** Delivery estimate in business days; both null = none shown. */
    minDays: integer(),
    maxDays: integer(),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('shipping_rates_amount_nonnegative', sql`${table.amount} >= 0`),
    check(
      'shipping_rates_free_over_positive',
      sql`${table.freeOverAmount} IS NULL OR ${table.freeOverAmount} > 0`,
    ),
    check(
      'shipping_rates_days_ordered',
      sql`(${table.minDays} IS NULL OR ${table.minDays} >= 0) AND (${table.maxDays} IS NULL OR ${table.maxDays} >= coalesce(${table.minDays}, 0))`,
    ),
    check('shipping_rates_currency_lowercase', sql`${table.currency} ~ '^[a-z]{3}$'`),
    index('shipping_rates_zone_id_idx').on(table.zoneId, table.position),
  ],
);

/**
 * The store's checkout settings, one row (id is always true), changed at /admin/settings.
 * Off by default: with both off, Checkout Sessions are exactly what they were before.
 */
export const storeSettings = pgTable(
  'store_settings',
  {
    id: boolean().primaryKey().default(true),
    /** Stripe Tax: `automatic_tax`, products' tax codes and `tax_id_collection`. */
    taxEnabled: boolean().notNull().default(false),
    /** `invoice_creation` on one-time payments: the customer gets an invoice with a PDF. */
    invoicesEnabled: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: text(),
  },
  (table) => [check('store_settings_single_row', sql`${table.id}`)],
);

export type ShippingZone = typeof shippingZones.$inferSelect;
export type ShippingRate = typeof shippingRates.$inferSelect;
export type StoreSettings = typeof storeSettings.$inferSelect;
