import { randomBytes } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { connect, type Connection } from '@/db/client';
import { seedCatalogue } from '@/db/seed';
import { holdChild } from '@/scripts/leash';
import { freePort, waitForHttp } from '@/scripts/processes';
import { startStoreServer, stopChild, type StoreServer } from '@/tests/support/store-server';
import { findNginx, startLoadBalancer, type LoadBalancer } from '@/tests/support/load-balancer';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';

export const BENCH_WEBHOOK_SECRET = 'whsec_benchmarksecret';
export const BENCH_STRIPE_KEY = 'sk_test_benchmark';

/**
 * How Shopfront is deployed for a run. 'single': one standalone server. 'two': two standalone
 * servers behind nginx (README "Several instances"), sharing the database, the webhook inbox and
 * the catalogue cache; `url` is the balancer's. The scenarios only ever send traffic to `url`.
 */
export type BenchMode = 'single' | 'two';

/** Shopfront as production runs it, with the emulator in its own process, for the benchmarks. */
export interface BenchStack {
  mode: BenchMode;
  /** Where the scenarios send their traffic. */
  url: string;
  store: StoreServer;
  emulatorUrl: string;
  stripe: Stripe;
  database: Connection;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startBenchStack(options: {
  build: boolean;
  mode: BenchMode;
}): Promise<BenchStack> {
  const testDatabase: TestDatabase = await createTestDatabase('shopfront_bench');
  const database = connect(testDatabase.url, { max: 4 });
  await seedCatalogue(database.db, 'usd');
  if (options.build) {
    // The catalogue pages are prerendered, so the build reads the database.
    execFileSync('npm', ['run', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: testDatabase.url },
    });
  }

  // Its own process, like Stripe's servers: the load generator's CPU time never counts as Stripe's.
  const emulatorPort = await freePort();
  const emulator = spawn(
    process.execPath,
    [path.resolve('node_modules/tsx/dist/cli.mjs'), 'emulator/main.ts'],
    {
      env: {
        ...process.env,
        STRIPE_EMULATOR_PORT: String(emulatorPort),
        STRIPE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
      },
      stdio: 'ignore',
      // tsx runs the emulator in a child of its own: the group holds both.
      detached: true,
    },
  );
  holdChild(emulator, { group: true });
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  await waitForHttp(`${emulatorUrl}/_emulator/deliveries`, 30_000);

  rmSync('.next/standalone/.next/cache', { recursive: true, force: true });
  // A static file with exactly the home page's bytes: separates "serving this much HTML" from
  // "serving it through Next's page cache" (public files are listed when the server starts).
  copyFileSync(
    '.next/standalone/.next/server/app/index.html',
    '.next/standalone/public/bench-home.html',
  );
  const storeEnv = {
    DATABASE_URL: testDatabase.url,
    STRIPE_API_BASE: emulatorUrl,
    STRIPE_SECRET_KEY: BENCH_STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
    BENCH_ROUTES: 'true',
    AUTH_SECRET: randomBytes(33).toString('base64'),
    ...(process.env.BENCH_POOL ? { DATABASE_POOL_MAX: process.env.BENCH_POOL } : {}),
    ...(options.mode === 'two' ? { TRUSTED_PROXY_HOPS: '1' } : {}),
  };
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const store = await startStoreServer(await freePort(), storeEnv, profile);
  const others: StoreServer[] = [];
  let balancer: LoadBalancer | null = null;
  if (options.mode === 'two') {
    const nginx = findNginx();
    if (!nginx)
      throw new Error('the two-instance bench needs nginx: sudo apt-get install -y nginx');
    others.push(await startStoreServer(await freePort(), storeEnv, profile));
    balancer = await startLoadBalancer(nginx, await freePort(), [store.url, others[0]!.url]);
  }

  return {
    mode: options.mode,
    url: balancer?.url ?? store.url,
    store,
    emulatorUrl,
    stripe: new Stripe(BENCH_STRIPE_KEY, {
      host: '127.0.0.1',
      port: emulatorPort,
      protocol: 'http',
      maxNetworkRetries: 2,
    }),
    database,
    databaseUrl: testDatabase.url,
    async stop() {
      await balancer?.stop();
      for (const other of others) await other.stop();
      await store.stop();
      await stopChild(emulator as ChildProcess);
      rmSync('.next/standalone/public/bench-home.html', { force: true });
      await database.sql.end();
      await testDatabase.dispose();
    },
  };
}
