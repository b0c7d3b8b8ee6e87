import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Secrets the e2e build is made with, recognisable anywhere they might leak. The database URL is a
 * real one (the build prerenders the catalogue from it); its database's name is the sentinel.
 */
export interface BuildSentinels {
  STRIPE_SECRET_KEY: string;
  STRIPE_WEBHOOK_SECRET: string;
  AUTH_SECRET: string;
  CRON_SECRET: string;
  DATABASE_URL: string;
}

/** Written beside the build (never inside what is served) so the scan knows what to look for. */
export const SENTINELS_FILE = '.next/e2e-build-sentinels.json';

export const SENTINEL_DATABASE_PREFIX = 'shopfront_e2e_sentinel';

export function makeBuildSentinels(databaseUrl: string): BuildSentinels {
  const mark = () => `sentinel${randomBytes(12).toString('hex')}`;
  return {
    STRIPE_SECRET_KEY: `sk_test_${mark()}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${mark()}`,
    AUTH_SECRET: `${mark()}${mark()}`,
    CRON_SECRET: mark(),
    DATABASE_URL: databaseUrl,
  };
}

export function recordBuildSentinels(sentinels: BuildSentinels): void {
  writeFileSync(SENTINELS_FILE, JSON.stringify(sentinels, null, 2));
}

export function readBuildSentinels(): BuildSentinels | undefined {
  if (!existsSync(SENTINELS_FILE)) return undefined;
  return JSON.parse(readFileSync(SENTINELS_FILE, 'utf8')) as BuildSentinels;
}

/** The strings that must never reach a browser: each secret, and the URL's parts that identify it. */
export function forbiddenStrings(
  sentinels: BuildSentinels,
): Array<{ name: string; value: string }> {
  const url = new URL(sentinels.DATABASE_URL);
  const found = [
    { name: 'STRIPE_SECRET_KEY', value: sentinels.STRIPE_SECRET_KEY },
    { name: 'STRIPE_WEBHOOK_SECRET', value: sentinels.STRIPE_WEBHOOK_SECRET },
    { name: 'AUTH_SECRET', value: sentinels.AUTH_SECRET },
    { name: 'CRON_SECRET', value: sentinels.CRON_SECRET },
    { name: 'DATABASE_URL', value: sentinels.DATABASE_URL },
    { name: 'DATABASE_URL (database name)', value: url.pathname.slice(1) },
  ];
  if (url.password.length >= 8)
    found.push({ name: 'DATABASE_URL (password)', value: decodeURIComponent(url.password) });
  return found;
}
