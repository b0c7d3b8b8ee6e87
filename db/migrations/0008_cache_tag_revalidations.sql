-- When each cache tag was last revalidated, by any instance (lib/platform/cache-handler.mjs).
CREATE TABLE "cache_tag_revalidations" (
	"tag" text PRIMARY KEY NOT NULL,
	"expire_seconds" double precision,
	"revalidated_at" timestamp with time zone DEFAULT now() NOT NULL
);
