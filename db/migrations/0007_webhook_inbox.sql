-- The webhook inbox: events are recorded with their payload and applied after the response.
ALTER TABLE "stripe_events" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "state" varchar(20) DEFAULT 'received' NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "waiting_for" text;--> statement-breakpoint
ALTER TABLE "stripe_events" ADD COLUMN "last_error" text;--> statement-breakpoint
-- Every event recorded before the inbox was applied in the transaction that recorded it.
UPDATE "stripe_events" SET "state" = 'applied', "next_attempt_at" = NULL, "attempts" = 1;--> statement-breakpoint
CREATE INDEX "stripe_events_unapplied_idx" ON "stripe_events" USING btree ("created","received_at") WHERE "stripe_events"."state" <> 'applied';--> statement-breakpoint
CREATE INDEX "stripe_events_waiting_for_idx" ON "stripe_events" USING btree ("waiting_for") WHERE "stripe_events"."state" = 'waiting';