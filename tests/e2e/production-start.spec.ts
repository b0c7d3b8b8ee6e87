import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '@/scripts/processes';

/** Starts the production server with exactly `env` and returns how it ended (it must end by itself). */
async function startProduction(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.resolve('.next/standalone/server.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOSTNAME: '127.0.0.1',
      PORT: String(await freePort()),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(killer);
  return { code, output };
}

test.describe('production start-up', () => {
  test.skip(process.env.E2E_STORE === 'off', 'needs the production build the global setup makes');

  test('without DATABASE_URL the server stops at once and says how to fix it', async () => {
    const { code, output } = await startProduction({});
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL (not set): is required in production');
  });

  test('pointed at the Stripe emulator, the production server refuses to start', async () => {
    const { code, output } = await startProduction({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
    });
    expect(code).toBe(1);
    expect(output).toContain(
      'STRIPE_API_BASE=http://127.0.0.1:12111: points Stripe at the emulator',
    );
  });
});
