-- Stripe balance transactions and payouts, mirrored for the admin's Money section (lib/balance).
CREATE TABLE "balance_transactions" (
	"id" text PRIMARY KEY NOT NULL,
	"type" varchar(40) NOT NULL,
	"reporting_category" varchar(40) NOT NULL,
	"amount" bigint NOT NULL,
	"fee" bigint NOT NULL,
	"net" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"available_on" timestamp with time zone NOT NULL,
	"description" text,
	"source_id" text,
	"payment_intent_id" text,
	"payout_id" text
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"status" varchar(20) NOT NULL,
	"arrival_date" timestamp with time zone NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"failure_code" text,
	"failure_message" text,
	"balance_transaction_id" text,
	"failure_balance_transaction_id" text,
	"description" text,
	"reported_at" timestamp with time zone NOT NULL,
	"transactions_synced_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD COLUMN "last_id" text;--> statement-breakpoint
CREATE INDEX "balance_transactions_created_idx" ON "balance_transactions" USING btree ("created" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "balance_transactions_currency_created_idx" ON "balance_transactions" USING btree ("currency","created" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "balance_transactions_category_created_idx" ON "balance_transactions" USING btree ("reporting_category","created" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "balance_transactions_payout_idx" ON "balance_transactions" USING btree ("payout_id","created" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "balance_transactions_payment_intent_idx" ON "balance_transactions" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "payouts_created_idx" ON "payouts" USING btree ("created" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "payouts_failed_idx" ON "payouts" USING btree ("created" DESC NULLS LAST) WHERE "payouts"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "payouts_unsynced_idx" ON "payouts" USING btree ("created") WHERE "payouts"."transactions_synced_at" IS NULL;