CREATE TYPE "public"."billing_interval" AS ENUM('month', 'year');--> statement-breakpoint
CREATE TABLE "subscription_invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stripe_invoice_id" text NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"status" varchar(16) NOT NULL,
	"billing_reason" varchar(32),
	"currency" varchar(3) NOT NULL,
	"amount_due" integer NOT NULL,
	"amount_paid" integer NOT NULL,
	"attempt_count" smallint DEFAULT 0 NOT NULL,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"customer_email" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_invoices_stripeInvoiceId_unique" UNIQUE("stripe_invoice_id"),
	CONSTRAINT "subscription_invoices_amounts_nonnegative" CHECK ("subscription_invoices"."amount_paid" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"stripe_customer_id" text,
	"stripe_checkout_session_id" text,
	"user_id" text,
	"product_id" uuid,
	"status" varchar(32) DEFAULT 'incomplete' NOT NULL,
	"name" text,
	"unit_amount" integer,
	"currency" varchar(3),
	"interval" "billing_interval",
	"interval_count" integer,
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"canceled_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"state_event_created" timestamp with time zone,
	"pending_change" varchar(32),
	"pending_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_stripeSubscriptionId_unique" UNIQUE("stripe_subscription_id"),
	CONSTRAINT "subscriptions_stripeCheckoutSessionId_unique" UNIQUE("stripe_checkout_session_id")
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "recurring_interval" "billing_interval";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "recurring_interval_count" integer;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "subscription_invoice_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscription_invoices_subscription_idx" ON "subscription_invoices" USING btree ("stripe_subscription_id","created_at");--> statement-breakpoint
CREATE INDEX "subscriptions_user_id_idx" ON "subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subscriptions_status_idx" ON "subscriptions" USING btree ("status");--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_subscription_invoice_id_subscription_invoices_id_fk" FOREIGN KEY ("subscription_invoice_id") REFERENCES "public"."subscription_invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_invoice_kind_unique" UNIQUE("subscription_invoice_id","kind");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_recurring_complete" CHECK (("products"."recurring_interval" IS NULL AND "products"."recurring_interval_count" IS NULL) OR ("products"."recurring_interval" IS NOT NULL AND "products"."recurring_interval_count" BETWEEN 1 AND 12));