import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { connect } from '@/db/client';
import { seedCatalogue } from '@/db/seed';
import { startEmulator } from '@/emulator';
import { upsertAdmin } from '@/lib/auth/admin-accounts';
import { freePort } from '@/scripts/processes';
import {
  makeBuildSentinels,
  recordBuildSentinels,
  SENTINEL_DATABASE_PREFIX,
} from '@/tests/support/build-sentinels';
import { startStoreServer } from '@/tests/support/store-server';
import { createTestDatabase } from '@/tests/support/test-database';

const E2E_OWNER_EMAIL = 'owner@shopfront.test';
/**
 * The store as it runs in production: a fresh seeded database, the Stripe emulator, `next build`
 * and the standalone server on a free port. Tests read E2E_BASE_URL (see fixtures.ts).
 * E2E_STORE=off skips all of it (for specs that need only the emulator);
 * E2E_SKIP_BUILD=1 reuses an existing build while iterating.
 */
export default async function globalSetup() {
  if (process.env.E2E_STORE === 'off') return;

  // Its name is a sentinel: the secret scan (secret-scan.spec.ts) looks for it in the build.
  const database = await createTestDatabase(SENTINEL_DATABASE_PREFIX);
  const { db, sql } = connect(database.url, { max: 1 });
  await seedCatalogue(db, 'usd');
  // The admin specs sign in as this admin (tests/e2e/admin-*.spec.ts).
  const admin = {
    email: 'e2e-admin@shopfront.test',
    password: randomBytes(18).toString('base64url'),
  };
  await upsertAdmin(db, { ...admin, actor: 'e2e setup' });
  await sql.end();

  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const emulator = await startEmulator({ port: 0, webhookUrl: `${appUrl}/api/webhooks/stripe` });

  if (!(process.env.E2E_SKIP_BUILD === '1' && existsSync('.next/standalone/server.js'))) {
    // The catalogue pages are prerendered, so the build reads the database. Every secret is a
    // sentinel the secret scan then looks for in what the build serves.
    const sentinels = makeBuildSentinels(database.url);
    execFileSync('npm', ['run', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', ...sentinels },
    });
    recordBuildSentinels(sentinels);
  }

  // Next's data cache survives restarts; a previous run's catalogue belongs to another database.
  rmSync('.next/standalone/.next/cache', { recursive: true, force: true });
  const store = await startStoreServer(port, {
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    STORE_NAME: 'Shopfront',
    STORE_CURRENCY: 'usd',
    STRIPE_API_BASE: emulator.url,
    STRIPE_SECRET_KEY: 'sk_test_shopfronte2e',
    STRIPE_WEBHOOK_SECRET: emulator.webhookSecret,
    ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
    AUTH_SECRET: randomBytes(33).toString('base64'),
    // Deployed behind one reverse proxy: specs that play several shoppers send X-Forwarded-For as
    // that proxy would; attack-client-address.spec.ts starts a bare server (no proxy) of its own.
    TRUSTED_PROXY_HOPS: '1',
    // The owner's notifications (a dispute opened) go to their own address, not the admin's.
    NOTIFICATION_EMAIL: E2E_OWNER_EMAIL,
  });
  process.env.E2E_BASE_URL = store.url;
  process.env.E2E_EMULATOR_URL = emulator.url;
  process.env.E2E_DATABASE_URL = database.url;
  process.env.E2E_ADMIN_EMAIL = admin.email;
  process.env.E2E_ADMIN_PASSWORD = admin.password;
  process.env.E2E_OWNER_EMAIL = E2E_OWNER_EMAIL;

  return async () => {
    await store.stop();
    await emulator.stop();
    await database.dispose();
  };
}
