import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';

const tsx = path.resolve('node_modules/.bin/tsx');
const suffix = randomBytes(4).toString('hex');

/** `npm run admin:create -- <args>` against this run's database, with `input` on stdin. */
function adminCreate(args: string[], input = '') {
  const result = spawnSync(tsx, ['scripts/admin-create.ts', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      DATABASE_URL: process.env.DATABASE_URL!,
    },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(async () => {
  await db().$client.end();
});

describe('npm run admin:create', () => {
  it('creates an admin from flags', async () => {
    const email = `flags-${suffix}@example.com`;
    const { status, stdout } = adminCreate([
      '--email',
      email,
      '--password',
      'a long admin passphrase',
    ]);
    expect(status).toBe(0);
    expect(stdout).toContain(`Created admin ${email}`);
    const [user] = await db().select().from(users).where(eq(users.email, email));
    expect(user?.role).toBe('admin');
    expect(await verifyPassword('a long admin passphrase', user!.passwordHash!)).toBe(true);
  });

  it('asks for what the flags leave out, without echoing the password', () => {
    const email = `prompted-${suffix}@example.com`;
    const { status, stdout } = adminCreate([], `${email}\nanother long passphrase\n`);
    expect(status).toBe(0);
    expect(stdout).toContain('Email: ');
    expect(stdout).toContain('Password (12+ characters): ');
    expect(stdout).not.toContain('another long passphrase');
    expect(stdout).toContain(`Created admin ${email}`);
  });

  it('refuses a weak password and says why', () => {
    const { status, stderr } = adminCreate([
      '--email',
      `weak-${suffix}@example.com`,
      '--password',
      'hunter2',
    ]);
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('Password refused: Use at least 12 characters.');
  });
});
