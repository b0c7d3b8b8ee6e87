import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this file: it diffs db/schema against the committed migrations
// and needs no database. Migrations are applied by `npm run db:migrate` (scripts/db-migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
