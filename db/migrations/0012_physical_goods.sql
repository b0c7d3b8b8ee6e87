-- Physical goods (issue 18): products that ship, shipping zones and rates, the store's tax and
-- invoice settings, promotion codes, and on orders the Checkout Session's totals, the shipping
-- address and rate, tax ids, the invoice, and fulfilment (lib/shipping, lib/promotions).
CREATE TYPE "public"."fulfilment_status" AS ENUM('unfulfilled', 'shipped', 'delivered', 'returned');--> statement-breakpoint
CREATE TABLE "shipping_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"amount" integer NOT NULL,
	"currency" varchar(3) NOT NULL,
	"free_over_amount" integer,
	"min_days" integer,
	"max_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_rates_amount_nonnegative" CHECK ("shipping_rates"."amount" >= 0),
	CONSTRAINT "shipping_rates_free_over_positive" CHECK ("shipping_rates"."free_over_amount" IS NULL OR "shipping_rates"."free_over_amount" > 0),
	CONSTRAINT "shipping_rates_days_ordered" CHECK (("shipping_rates"."min_days" IS NULL OR "shipping_rates"."min_days" >= 0) AND ("shipping_rates"."max_days" IS NULL OR "shipping_rates"."max_days" >= coalesce("shipping_rates"."min_days", 0))),
	CONSTRAINT "shipping_rates_currency_lowercase" CHECK ("shipping_rates"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "shipping_zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(100) NOT NULL,
	"countries" text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_zones_has_countries" CHECK (cardinality("shipping_zones"."countries") > 0)
);
--> statement-breakpoint
CREATE TABLE "store_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"tax_enabled" boolean DEFAULT false NOT NULL,
	"invoices_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "store_settings_single_row" CHECK ("store_settings"."id")
);
--> statement-breakpoint
CREATE TABLE "promotion_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"code" varchar(200) NOT NULL,
	"coupon_id" text NOT NULL,
	"percent_off" numeric(5, 2),
	"amount_off" integer,
	"currency" varchar(3),
	"expires_at" timestamp with time zone,
	"max_redemptions" integer,
	"first_time_transaction" boolean DEFAULT false NOT NULL,
	"minimum_amount" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotion_codes_one_discount" CHECK (("promotion_codes"."percent_off" IS NULL) <> ("promotion_codes"."amount_off" IS NULL)),
	CONSTRAINT "promotion_codes_percent_range" CHECK ("promotion_codes"."percent_off" IS NULL OR ("promotion_codes"."percent_off" > 0 AND "promotion_codes"."percent_off" <= 100)),
	CONSTRAINT "promotion_codes_amount_positive" CHECK ("promotion_codes"."amount_off" IS NULL OR "promotion_codes"."amount_off" > 0)
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "ships" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "tax_code" varchar(40);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "amount_discount" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "amount_shipping" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "amount_tax" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "promotion_code_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "promotion_code" varchar(200);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_name" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_address" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_rate_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_rate_name" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_options" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_country" varchar(2);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "customer_tax_ids" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "stripe_invoice_id" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "invoice_url" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "invoice_pdf_url" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fulfilment_status" "fulfilment_status";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_carrier" varchar(100);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tracking_number" varchar(100);--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shipping_rates" ADD CONSTRAINT "shipping_rates_zone_id_shipping_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."shipping_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shipping_rates_zone_id_idx" ON "shipping_rates" USING btree ("zone_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_codes_active_code_idx" ON "promotion_codes" USING btree (lower("code")) WHERE "promotion_codes"."active";--> statement-breakpoint
CREATE INDEX "orders_unfulfilled_paid_at_idx" ON "orders" USING btree ("paid_at") WHERE "orders"."fulfilment_status" = 'unfulfilled';--> statement-breakpoint
CREATE INDEX "orders_promotion_code_id_idx" ON "orders" USING btree ("promotion_code_id") WHERE "orders"."promotion_code_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_tax_code_format" CHECK ("products"."tax_code" IS NULL OR "products"."tax_code" ~ '^txcd_[0-9]{8}$');--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_breakdown_nonnegative" CHECK ("orders"."amount_discount" >= 0 AND "orders"."amount_shipping" >= 0 AND "orders"."amount_tax" >= 0);--> statement-breakpoint
INSERT INTO "store_settings" ("id") VALUES (true) ON CONFLICT DO NOTHING;
