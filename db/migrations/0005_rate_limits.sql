-- One table for every rate limit (admin sign-in, checkout), keyed by what is limited.
ALTER TABLE "sign_in_limits" RENAME TO "rate_limits";--> statement-breakpoint
ALTER INDEX "sign_in_limits_pkey" RENAME TO "rate_limits_pkey";
