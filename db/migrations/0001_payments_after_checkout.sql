CREATE TABLE "sync_cursors" (
	"name" varchar(64) PRIMARY KEY NOT NULL,
	"position" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "amount_captured" integer;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_captured_within_total" CHECK ("orders"."amount_captured" IS NULL OR "orders"."amount_captured" BETWEEN 0 AND "orders"."amount_total");