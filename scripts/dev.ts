// npm run dev: the whole store on a laptop with nothing but Node. Starts the embedded Postgres
// (unless DATABASE_URL is set), migrates and seeds it, starts the Stripe emulator (unless a real
// Stripe key is set), then `next dev`, and stops all of it on Ctrl-C, SIGTERM or SIGHUP (a closed
// terminal), or when npm, or whatever started it, ends. Should it die without stopping anything
// (SIGKILL), its leash (scripts/leash.ts) stops `next dev` and Postgres.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { connect } from '@/db/client';
import {
  DEV_DATA_DIR,
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { seedCatalogue } from '@/db/seed';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { ensureDevAdmin } from '@/lib/auth/admin-accounts';
import { ConfigError, loadEnv, type Env } from '@/lib/env';
import { DEV_DATABASE, describeDatabase } from './database';
import { announceDevEmulator, DEV_EMULATOR_KEY, withdrawDevEmulator } from './dev-emulator';
import { loadProjectEnv } from './project-env';
import { holdChild, onAncestorsGone } from './leash';
import { freePort, isPortFree, waitForHttp } from './processes';

interface Running {
  postgres?: EmbeddedPostgres;
  emulator?: RunningEmulator;
  next?: ChildProcess;
}

const running: Running = {};
let isStopping = false;

async function main(): Promise<void> {
  loadProjectEnv('development');
  const config = loadEnv();
  if (!(await isPortFree(config.PORT))) {
    throw new Error(
      `Port ${config.PORT} is in use. Stop whatever holds it, or run with PORT=3001 npm run dev.`,
    );
  }

  const databaseUrl = await startDatabase(config);
  await migrateDatabase(databaseUrl);
  const { db, sql } = connect(databaseUrl, { max: 1 });
  const { inserted } = await seedCatalogue(db, config.STORE_CURRENCY);
  // Only on the embedded database: its password sits in .data/, which must never open a database
  // that anything else (a staging or production server named by DATABASE_URL) relies on.
  const devAdmin = running.postgres ? await ensureDevAdmin(db) : null;
  await sql.end();
  if (inserted > 0) console.log(`• Seeded the demo catalogue (${inserted} products)`);

  const appUrl =
    config.APP_URL === 'http://localhost:3000' ? `http://localhost:${config.PORT}` : config.APP_URL;
  const stripeEnv = await startStripe(config, appUrl);

  running.next = spawn(
    process.execPath,
    [path.resolve('node_modules/next/dist/bin/next'), 'dev', '--port', String(config.PORT)],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: databaseUrl,
        APP_URL: appUrl,
        ...stripeEnv,
      },
      stdio: 'inherit',
      // Its own process group, so stopping it stops its workers too.
      detached: true,
    },
  );
  holdChild(running.next, { group: true });
  running.next.on('exit', (code) => {
    if (!isStopping) void stop(code ?? 1);
  });

  await waitForHttp(`http://127.0.0.1:${config.PORT}/api/health`, 120_000);
  printBanner(appUrl, databaseUrl, devAdmin);
}

async function startDatabase(config: Env): Promise<string> {
  if (config.DATABASE_URL) {
    console.log(`• Postgres: ${describeDatabase(config.DATABASE_URL)} (DATABASE_URL)`);
    return config.DATABASE_URL;
  }
  running.postgres = await startEmbeddedPostgres({
    dataDir: DEV_DATA_DIR,
    port: await freePort(),
    log: (line) => console.log(`• ${line}`),
  });
  await ensureDatabase(running.postgres.serverUrl, DEV_DATABASE);
  console.log(
    `• Postgres: embedded, ${path.relative(process.cwd(), DEV_DATA_DIR)} on port ${running.postgres.port}`,
  );
  return running.postgres.databaseUrl(DEV_DATABASE);
}

async function startStripe(config: Env, appUrl: string): Promise<Record<string, string>> {
  if (config.STRIPE_SECRET_KEY && !config.STRIPE_API_BASE) {
    console.log(
      '• Stripe: your account (STRIPE_SECRET_KEY); forward webhooks with `stripe listen --forward-to localhost:' +
        config.PORT +
        '/api/webhooks/stripe`',
    );
    return {};
  }
  if (config.STRIPE_API_BASE) {
    console.log(`• Stripe: the emulator at ${config.STRIPE_API_BASE} (STRIPE_API_BASE)`);
    return {};
  }
  const port = (await isPortFree(config.STRIPE_EMULATOR_PORT)) ? config.STRIPE_EMULATOR_PORT : 0;
  running.emulator = await startEmulator({
    port,
    webhookUrl: `${appUrl}/api/webhooks/stripe`,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    stateFile: path.resolve('.data/emulator.json'),
  });
  console.log(`• Stripe: the local emulator at ${running.emulator.url} (no Stripe account needed)`);
  // Scripts run beside this one (reconcile, doctor, stripe) find it here, as they find Postgres.
  announceDevEmulator({
    url: running.emulator.url,
    secretKey: DEV_EMULATOR_KEY,
    webhookSecret: running.emulator.webhookSecret,
  });
  return {
    STRIPE_API_BASE: running.emulator.url,
    STRIPE_SECRET_KEY: DEV_EMULATOR_KEY,
    STRIPE_WEBHOOK_SECRET: running.emulator.webhookSecret,
  };
}

function printBanner(
  appUrl: string,
  databaseUrl: string,
  admin: { email: string; password: string } | null,
): void {
  console.log(
    [
      '',
      `  Shopfront is running at ${appUrl}`,
      `  Database: ${describeDatabase(databaseUrl)}`,
      admin
        ? `  Admin: ${appUrl}/admin · ${admin.email} · password ${admin.password}`
        : `  Admin: ${appUrl}/admin · create one with npm run admin:create (DATABASE_URL gets no development admin)`,
      running.emulator ? `  Stripe emulator: ${running.emulator.url}` : '',
      running.emulator
        ? '  Test cards: 4242 4242 4242 4242 pays · 4000 0000 0000 0002 is declined · 4000 0027 6000 3184 asks for 3D Secure'
        : '',
      '  Press Ctrl-C to stop.',
      '',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
}

// A stop that hangs must not keep anything alive: past this, exit and let the leash finish.
const STOP_DEADLINE_MS = 6_000;

async function stop(exitCode: number): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  setTimeout(() => process.exit(exitCode), STOP_DEADLINE_MS).unref();
  const { next, emulator, postgres } = running;
  if (next?.pid && next.exitCode === null) {
    const exited = new Promise((resolve) => next.once('exit', resolve));
    try {
      process.kill(-next.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    const forced = setTimeout(() => {
      try {
        if (next.pid) process.kill(-next.pid, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
    }, 3_000);
    await exited;
    clearTimeout(forced);
  }
  if (emulator) withdrawDevEmulator(emulator.url);
  await emulator?.stop();
  if (postgres?.isOwned) await postgres.stop();
  process.exit(exitCode);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
onAncestorsGone(() => void stop(0));

main().catch(async (error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  await stop(1);
});
