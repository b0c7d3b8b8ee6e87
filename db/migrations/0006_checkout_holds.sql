-- The client that started each checkout, so what one client's unpaid checkouts hold can be capped.
ALTER TABLE "orders" ADD COLUMN "client_key" text;--> statement-breakpoint
CREATE INDEX "orders_pending_client_key_idx" ON "orders" USING btree ("client_key") WHERE "orders"."status" = 'pending' AND "orders"."client_key" IS NOT NULL;