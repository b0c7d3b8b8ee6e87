// Scripts run beside `npm run dev` (reconcile, doctor) reach its Stripe emulator with no variables
// set, as they reach its embedded Postgres. Each script runs in a project folder of its own whose
// .data holds what `npm run dev` announces, against this run's database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { announceDevEmulator, DEV_EMULATOR_KEY } from '@/scripts/dev-emulator';

const run = promisify(execFile);
const projectDir = mkdtempSync(path.join(tmpdir(), 'dev-project-'));
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  announceDevEmulator(
    { url: emulator.url, secretKey: DEV_EMULATOR_KEY, webhookSecret: emulator.webhookSecret },
    path.join(projectDir, '.data/dev-emulator.json'),
  );
});
afterAll(async () => {
  await emulator.stop();
  rmSync(projectDir, { recursive: true, force: true });
});

/** `npm run <script>` in a project folder, with no Stripe variable set. Never throws. */
async function script(file: string, cwd = projectDir) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [tsx, '--tsconfig', path.resolve('tsconfig.json'), path.resolve(file)],
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'development',
          DATABASE_URL: process.env.DATABASE_URL!,
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('scripts beside npm run dev', () => {
  it('npm run reconcile reaches the dev emulator and lists its events', async () => {
    await fetch(`${emulator.url}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEV_EMULATOR_KEY}` },
      body: new URLSearchParams({ email: 'ada@example.com' }),
    });

    const { code, stdout, stderr } = await script('scripts/reconcile.ts');

    expect(stderr).not.toContain('STRIPE_SECRET_KEY');
    expect(code).toBe(0);
    expect(stderr).toContain(
      `Stripe: the emulator of the running \`npm run dev\` at ${emulator.url}`,
    );
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      events: { failed: number };
    };
    expect(report.events.failed).toBe(0);
  });

  it('npm run doctor checks the dev emulator: test key, its webhook secret, and it answers', async () => {
    const { stdout } = await script('scripts/doctor.ts');

    expect(stdout).toContain(`emulator at ${emulator.url} (development)`);
    expect(stdout).toMatch(/Stripe key mode is consistent.*test key outside production/);
    expect(stdout).toContain('STRIPE_WEBHOOK_SECRET is set');
    expect(stdout).toMatch(/✓ Stripe is reachable with this key\s+answered in test mode/);
    expect(stdout).not.toContain('no STRIPE_SECRET_KEY');
  });

  it('a dev server that is gone is not joined: the script says Stripe is not configured', async () => {
    const stale = mkdtempSync(path.join(tmpdir(), 'dev-project-'));
    const gone = await startEmulator({ port: 0 });
    announceDevEmulator(
      { url: gone.url, secretKey: DEV_EMULATOR_KEY, webhookSecret: gone.webhookSecret },
      path.join(stale, '.data/dev-emulator.json'),
    );
    await gone.stop();

    const { code, stderr } = await script('scripts/reconcile.ts', stale);
    rmSync(stale, { recursive: true, force: true });

    expect(code).toBe(1);
    expect(stderr).toContain('STRIPE_SECRET_KEY is not set');
  });
});
