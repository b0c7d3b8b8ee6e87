import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  integer,
  uniqueIndex,
  numeric,
  pgTable,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * Promotion codes the admin made (lib/promotions). Each is a Stripe coupon (the discount) and a
 * Stripe promotion code (the code a customer types, with its limits), so Stripe's page validates
 * them; this row mirrors what was created, for the admin's list and the dashboard's redemptions.
 */
export const promotionCodes = pgTable(
  'promotion_codes',
  {
    /** Stripe's promotion code id (promo_...). */
    id: text().primaryKey(),
    /** What the customer types; Stripe matches it case-insensitively. */
    code: varchar({ length: 200 }).notNull(),
    couponId: text().notNull(),
    /** Exactly one of percentOff and amountOff is set. */
    percentOff: numeric({ precision: 5, scale: 2, mode: 'number' }),
    amountOff: integer(),
    /** The currency of amountOff and minimumAmount. */
    currency: varchar({ length: 3 }),
    expiresAt: timestamp({ withTimezone: true }),
    maxRedemptions: integer(),
    firstTimeTransaction: boolean().notNull().default(false),
    minimumAmount: integer(),
    active: boolean().notNull().default(true),
    createdBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'promotion_codes_one_discount',
      sql`(${table.percentOff} IS NULL) <> (${table.amountOff} IS NULL)`,
    ),
    check(
      'promotion_codes_percent_range',
      sql`${table.percentOff} IS NULL OR (${table.percentOff} > 0 AND ${table.percentOff} <= 100)`,
    ),
    check(
      'promotion_codes_amount_positive',
      sql`${table.amountOff} IS NULL OR ${table.amountOff} > 0`,
    ),
    // Stripe refuses a second active promotion code with the same code, whatever its case.
    uniqueIndex('promotion_codes_active_code_idx')
      .on(sql`lower(${table.code})`)
      .where(sql`${table.active}`),
  ],
);

export type PromotionCode = typeof promotionCodes.$inferSelect;
