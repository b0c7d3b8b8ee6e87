import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = path.resolve('node_modules/.bin/tsx');

/** Runs a script as `npm run ...` would, with exactly these variables (no .env files from the repo). */
function runScript(script: string, env: Record<string, string>) {
  const result = spawnSync(tsx, [script], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('a bad configuration stops start-up and names the variable', () => {
  it('npm run dev refuses STORE_CURRENCY=XYZ before starting anything', () => {
    const { status, stderr } = runScript('scripts/dev.ts', { STORE_CURRENCY: 'XYZ' });
    expect(status).toBe(1);
    expect(stderr).toContain(
      'STORE_CURRENCY=XYZ: must be an ISO 4217 currency code such as usd, eur, sek or jpy',
    );
  });

  it('npm run dev refuses DATABASE_URL=not-a-url', () => {
    const { status, stderr } = runScript('scripts/dev.ts', { DATABASE_URL: 'not-a-url' });
    expect(status).toBe(1);
    expect(stderr).toContain('DATABASE_URL=<hidden>: must be a postgres:// URL');
  });

  it('npm run db:migrate refuses a malformed DATABASE_URL the same way', () => {
    const { status, stderr } = runScript('scripts/db-migrate.ts', { DATABASE_URL: 'not-a-url' });
    expect(status).toBe(1);
    expect(stderr).toContain('DATABASE_URL=<hidden>: must be a postgres:// URL');
  });
});
