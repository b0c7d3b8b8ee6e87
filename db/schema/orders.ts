import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { products } from './products';
import { users } from './users';

/** DESIGN.md "Order lifecycle": the state machine only moves forward along these. */
export const orderStatus = pgEnum('order_status', [
  'pending',
  'processing',
  'authorized',
  'paid',
  'partially_refunded',
  'refunded',
  'failed',
  'expired',
  'canceled',
]);

/** Disputes run beside the order status: a disputed order is still paid until the bank decides. */
export const disputeStatus = pgEnum('dispute_status', [
  'warning_needs_response',
  'warning_under_review',
  'warning_closed',
  'needs_response',
  'under_review',
  'won',
  'lost',
]);

/** Where a physical order is, beside its payment status; null on an order with nothing to ship. */
export const fulfilmentStatus = pgEnum('fulfilment_status', [
  'unfulfilled',
  'shipped',
  'delivered',
  'returned',
]);

/** A postal address as Stripe gives it (customer_details.address, shipping_details.address). */
export interface PostalAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
}

/** A shipping rate a Checkout Session offered: Stripe's id for it, and what the store calls it. */
export interface OfferedShippingRate {
  stripeId: string;
  rateId: string;
  name: string;
  amount: number;
}

/** A customer's tax id as Checkout collected it (customer_details.tax_ids). */
export interface CustomerTaxId {
  type: string;
  value: string;
}

export const captureMethod = pgEnum('capture_method', ['automatic', 'manual']);

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The number customers and admins say out loud ("order 1042"); never reused. */
    number: integer().generatedAlwaysAsIdentity({ startWith: 1001 }).notNull().unique(),
    status: orderStatus().notNull().default('pending'),
    email: varchar({ length: 320 }),
    customerName: text(),
    /** The signed-in customer who placed it; null for guest checkouts (matched by email instead). */
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    /**
     * The client that started the checkout (its address, from clientKey), so what one client's
     * unpaid checkouts hold can be capped (lib/checkout/holds.ts); null when not placed by a shopper.
     */
    clientKey: text(),
    currency: varchar({ length: 3 }).notNull(),
    /** The items' sum. At creation the total equals it; Checkout's completion sets what was paid. */
    amountSubtotal: integer().notNull(),
    /** subtotal − discount + shipping + tax (exclusive tax), as the Checkout Session totals it. */
    amountTotal: integer().notNull(),
    /** The Checkout Session's total_details, set when it completes. */
    amountDiscount: integer().notNull().default(0),
    amountShipping: integer().notNull().default(0),
    amountTax: integer().notNull().default(0),
    /** The promotion code the customer used (promo_... and what they typed). */
    promotionCodeId: text(),
    promotionCode: varchar({ length: 200 }),
    /** Where the goods go (collected_information.shipping_details) and the rate chosen. */
    shippingName: text(),
    shippingAddress: jsonb().$type<PostalAddress>(),
    shippingRateId: text(),
    shippingRateName: text(),
    /**
     * The rates the session offered, in order, with the ids Stripe gave them: the completed
     * session names its rate by that id (shipping_cost.shipping_rate), read here with no call.
     */
    shippingOptions: jsonb().$type<OfferedShippingRate[]>(),
    /** The country the shopper chose in the cart: the zone whose rates the session offered. */
    shippingCountry: varchar({ length: 2 }),
    /** Business customers' tax ids (customer_details.tax_ids), when tax id collection is on. */
    customerTaxIds: jsonb().$type<CustomerTaxId[]>(),
    /** The invoice Checkout made (invoice_creation), with its hosted page and PDF once known. */
    stripeInvoiceId: text(),
    invoiceUrl: text(),
    invoicePdfUrl: text(),
    /** Set when the order holds goods that ship; then 'unfulfilled' until the admin ships it. */
    fulfilmentStatus: fulfilmentStatus(),
    shippingCarrier: varchar({ length: 100 }),
    trackingNumber: varchar({ length: 100 }),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    returnedAt: timestamp({ withTimezone: true }),
    /** Cumulative, as Stripe reports it on the charge; only ever raised (max), never summed from events. */
    amountRefunded: integer().notNull().default(0),
    /** What was actually charged: the total, or less after a partial capture; null until paid. */
    amountCaptured: integer(),
    captureMethod: captureMethod().notNull().default('automatic'),
    stripeCheckoutSessionId: text().unique(),
    stripePaymentIntentId: text().unique(),
    disputeStatus: disputeStatus(),
    expiresAt: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'orders_amounts_nonnegative',
      sql`${table.amountSubtotal} >= 0 AND ${table.amountTotal} >= 0`,
    ),
    check(
      'orders_refund_within_total',
      sql`${table.amountRefunded} BETWEEN 0 AND ${table.amountTotal}`,
    ),
    check(
      'orders_breakdown_nonnegative',
      sql`${table.amountDiscount} >= 0 AND ${table.amountShipping} >= 0 AND ${table.amountTax} >= 0`,
    ),
    check(
      'orders_captured_within_total',
      sql`${table.amountCaptured} IS NULL OR ${table.amountCaptured} BETWEEN 0 AND ${table.amountTotal}`,
    ),
    // The admin list's orderings: newest first overall, and newest first within a status.
    index('orders_created_at_id_idx').on(table.createdAt.desc(), table.id),
    index('orders_status_created_at_idx').on(table.status, table.createdAt.desc()),
    index('orders_email_idx').on(table.email),
    // The admin's email search: a whole address matches case-insensitively; part of one is a
    // substring match (ILIKE '%...%'), which trigrams serve (pg_trgm).
    index('orders_email_lower_idx').on(sql`lower(${table.email})`),
    index('orders_email_trgm_idx').using('gin', sql`${table.email} gin_trgm_ops`),
    // A customer's order history, newest first.
    index('orders_user_id_created_at_idx').on(table.userId, table.createdAt.desc()),
    // The packing list: paid orders not shipped yet, oldest payment first.
    index('orders_unfulfilled_paid_at_idx')
      .on(table.paidAt)
      .where(sql`${table.fulfilmentStatus} = 'unfulfilled'`),
    // Redemptions per promotion code.
    index('orders_promotion_code_id_idx')
      .on(table.promotionCodeId)
      .where(sql`${table.promotionCodeId} IS NOT NULL`),
    // The dashboard's revenue by payment date.
    index('orders_paid_at_idx').on(table.paidAt),
    // What a client's unpaid checkouts hold, summed at every checkout: only pending rows count.
    index('orders_pending_client_key_idx')
      .on(table.clientKey)
      .where(sql`${table.status} = 'pending' AND ${table.clientKey} IS NOT NULL`),
  ],
);

/** The association between an order and the products it bought, with the price it was bought at. */
export const orderItems = pgTable(
  'order_items',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    /** Snapshots: renaming or repricing a product never changes an order already placed. */
    name: varchar({ length: 200 }).notNull(),
    unitAmount: integer().notNull(),
    quantity: integer().notNull(),
  },
  (table) => [
    unique('order_items_order_product_unique').on(table.orderId, table.productId),
    check('order_items_quantity_positive', sql`${table.quantity} > 0`),
    check('order_items_unit_amount_nonnegative', sql`${table.unitAmount} >= 0`),
    index('order_items_product_id_idx').on(table.productId),
  ],
);

/** The order's timeline: one row per change, written in the same transaction as the change. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    kind: varchar({ length: 64 }).notNull(),
    fromStatus: orderStatus(),
    toStatus: orderStatus(),
    stripeEventId: text(),
    /** 'stripe', 'customer', 'system', or the admin's email. */
    actor: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('order_events_order_id_at_idx').on(table.orderId, table.at),
    // The admin's webhook event log links each event to the order it changed.
    index('order_events_stripe_event_id_idx').on(table.stripeEventId),
  ],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type OrderEvent = typeof orderEvents.$inferSelect;
export type OrderStatus = (typeof orderStatus.enumValues)[number];
export type FulfilmentStatus = (typeof fulfilmentStatus.enumValues)[number];
