import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/lib/env';
import * as schema from './schema';

export type Database = ReturnType<typeof drizzle<typeof schema>>;

/** An open transaction (its `.transaction()` is a savepoint). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A transaction handle, or the database itself: what every query that may run in a caller's transaction takes. */
export type Executor = Database | Transaction;
export interface Connection {
  db: Database;
  sql: postgres.Sql;
}

/** Opens a pool to `url`. The app uses `db()`; scripts and tests open their own and end it. */
export function connect(
  url: string,
  options: { max?: number; prepare?: boolean } = {},
): Connection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Transaction poolers (pgbouncer, Supabase/Neon pooled URLs) cannot keep prepared statements.
    prepare: options.prepare ?? true,
    onnotice: () => {},
    connection: { application_name: 'shopfront' },
  });
  return { db: drizzle(sql, { schema, casing: 'snake_case' }), sql };
}

// One pool per process. `next dev` re-evaluates modules on every edit, so the pool lives on
// globalThis there; otherwise each hot reload would open (and leak) another pool.
const holder = globalThis as typeof globalThis & { shopfrontConnection?: Connection };

function connection(): Connection {
  if (holder.shopfrontConnection) return holder.shopfrontConnection;
  const config = env();
  if (!config.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set. `npm run dev` starts an embedded Postgres and sets it; otherwise set DATABASE_URL=postgres://user:password@host:5432/shopfront',
    );
  }
  holder.shopfrontConnection = connect(config.DATABASE_URL, {
    max: config.DATABASE_POOL_MAX,
    prepare: config.DATABASE_PREPARE,
  });
  return holder.shopfrontConnection;
}

/** The process's database (Drizzle over the one postgres.js pool), opened on first use. */
export function db(): Database {
  return connection().db;
}

/**
 * Makes `connection` the process's db(): for scripts that found their database themselves
 * (scripts/database.ts `withDatabase`, which may start the embedded server) and then run app code.
 */
export function useConnection(connection: Connection): void {
  holder.shopfrontConnection = connection;
}
