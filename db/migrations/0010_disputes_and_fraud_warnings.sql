-- Disputes with their evidence and deadlines, and Radar's early fraud warnings (lib/disputes).
CREATE TABLE "disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" uuid,
	"payment_intent_id" text,
	"charge_id" text,
	"amount" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"reason" varchar(64) NOT NULL,
	"status" varchar(32) NOT NULL,
	"evidence_due_by" timestamp with time zone,
	"has_evidence" boolean DEFAULT false NOT NULL,
	"submission_count" integer DEFAULT 0 NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "early_fraud_warnings" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" uuid,
	"payment_intent_id" text,
	"charge_id" text,
	"fraud_type" varchar(64) NOT NULL,
	"actionable" boolean NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_fraud_warnings" ADD CONSTRAINT "early_fraud_warnings_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_status_due_by_idx" ON "disputes" USING btree ("status","evidence_due_by");--> statement-breakpoint
CREATE INDEX "disputes_order_id_idx" ON "disputes" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "early_fraud_warnings_order_id_idx" ON "early_fraud_warnings" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "early_fraud_warnings_actionable_idx" ON "early_fraud_warnings" USING btree ("created" DESC NULLS LAST) WHERE "early_fraud_warnings"."actionable";