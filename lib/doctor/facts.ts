import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count, eq, sql, type SQL } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Database } from '@/db/client';
import { users } from '@/db/schema';
import { DEV_ADMIN_EMAIL } from '@/lib/auth/admin-accounts';
import { ConfigError, loadEnv, type Env } from '@/lib/env';
import { stripe } from '@/lib/stripe';
import type { Count, DoctorFacts, StripeReachability } from '@/lib/doctor/checks';

const JOURNAL = fileURLToPath(new URL('../../db/migrations/meta/_journal.json', import.meta.url));

/** Reads the configuration; the rest of the facts need a valid one. */
export function configurationFacts(
  source: Record<string, string | undefined> = process.env,
): { config: Env; problems: [] } | { config: undefined; problems: string[] } {
  try {
    return { config: loadEnv(source), problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { config: undefined, problems: error.problems };
    throw error;
  }
}

/** Everything the checks look at, from the configuration, the database and (unless offline) Stripe. */
export async function gatherDoctorFacts(
  config: Env,
  database: Database,
  options: { offline: boolean },
): Promise<DoctorFacts> {
  const [admins, devAdmins, pendingMigrations, stripeFacts] = await Promise.all([
    countUsers(database, eq(users.role, 'admin')),
    countUsers(database, eq(users.email, DEV_ADMIN_EMAIL)),
    findPendingMigrations(database),
    options.offline
      ? ({ kind: 'not_checked', detail: 'skipped (--offline)' } as const)
      : reachStripe(config),
  ]);
  return {
    isProduction: config.NODE_ENV === 'production',
    stripeSecretKey: config.STRIPE_SECRET_KEY,
    hasWebhookSecret: Boolean(config.STRIPE_WEBHOOK_SECRET),
    stripeApiBase: config.STRIPE_API_BASE,
    allowEmulatorInProduction: config.ALLOW_STRIPE_EMULATOR_IN_PRODUCTION,
    appUrl: config.APP_URL,
    authSecret: config.AUTH_SECRET,
    admins,
    devAdmin: { email: DEV_ADMIN_EMAIL, accounts: devAdmins },
    benchRoutes: config.BENCH_ROUTES,
    pendingMigrations,
    stripe: stripeFacts,
  };
}

async function countUsers(database: Database, where: SQL): Promise<Count> {
  try {
    const [row] = await database.select({ count: count() }).from(users).where(where);
    return { kind: 'counted', count: row?.count ?? 0 };
  } catch (error) {
    return { kind: 'unknown', detail: `could not read users: ${messageOf(error)}` };
  }
}

/** Drizzle records each applied migration by its journal timestamp (`when` → created_at). */
export async function findPendingMigrations(
  database: Database,
): Promise<DoctorFacts['pendingMigrations']> {
  const journal = JSON.parse(readFileSync(JOURNAL, 'utf8')) as {
    entries: Array<{ tag: string; when: number }>;
  };
  let applied: Set<number>;
  try {
    const rows = await database.execute<{ created_at: string }>(
      sql`SELECT created_at FROM drizzle.__drizzle_migrations`,
    );
    applied = new Set(rows.map((row) => Number(row.created_at)));
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== '42P01') {
      return {
        kind: 'unknown',
        detail: `could not read the migrations table: ${messageOf(error)}`,
      };
    }
    applied = new Set(); // No migrations table: nothing was ever applied.
  }
  return {
    kind: 'known',
    tags: journal.entries.filter((entry) => !applied.has(entry.when)).map((entry) => entry.tag),
  };
}

async function reachStripe(config: Env): Promise<StripeReachability> {
  if (!config.STRIPE_SECRET_KEY) return { kind: 'not_checked', detail: 'no STRIPE_SECRET_KEY' };
  try {
    // The emulator has no balance endpoint; listing sessions proves it answers (always test mode).
    if (config.STRIPE_API_BASE) {
      await stripe().checkout.sessions.list({ limit: 1 });
      return { kind: 'reachable', livemode: false };
    }
    const balance = await stripe().balance.retrieve();
    return { kind: 'reachable', livemode: balance.livemode };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeConnectionError) {
      return { kind: 'offline', detail: error.message };
    }
    return { kind: 'refused', detail: `Stripe refused the key: ${messageOf(error)}` };
  }
}

/** Postgres's own message (Drizzle wraps it in "Failed query: ..." with the SQL). */
function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
