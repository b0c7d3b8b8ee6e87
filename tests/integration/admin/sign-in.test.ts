import { randomBytes, scryptSync } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connect, db } from '@/db/client';
import { auditLog, rateLimits, users } from '@/db/schema';
import { AdminInputError, upsertAdmin } from '@/lib/auth/admin-accounts';
import { SIGN_IN_LIMITS } from '@/lib/auth/sign-in-limits';
import { consumeAttempt, sweepExpiredWindows } from '@/lib/platform/rate-limits';
import { clientHeaders } from '@/tests/support/client-headers';

vi.mock('server-only', () => ({}));
const { authorizeAdmin, SignInRateLimited } = await import('@/lib/auth/auth');

const suffix = randomBytes(4).toString('hex');
const PASSWORD = 'a long admin passphrase';

function request(ip: string): Request {
  return new Request('http://127.0.0.1/api/auth/callback/credentials', {
    method: 'POST',
    // What the client writes in X-Forwarded-For is ignored: no proxy is trusted by default.
    headers: clientHeaders(ip, { 'x-forwarded-for': '10.0.0.1' }),
  });
}

async function newAdmin(name: string): Promise<string> {
  const email = `${name}-${suffix}@example.com`;
  await upsertAdmin(db(), { email, password: PASSWORD, actor: 'test' });
  return email;
}

afterAll(async () => {
  await db().$client.end();
});

/** A sign-in-sized window allowing `limit` attempts. */
const window = (limit: number) => ({ limit, windowSeconds: SIGN_IN_LIMITS.perEmail.windowSeconds });

describe('admin sign-in', () => {
  it('accepts an admin with the right password and refuses a wrong one', async () => {
    const email = await newAdmin('right');
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    expect(await authorizeAdmin({ email, password: 'not the passphrase' }, request(ip))).toBeNull();
    expect(
      await authorizeAdmin({ email: email.toUpperCase(), password: PASSWORD }, request(ip)),
    ).toMatchObject({
      email,
      role: 'admin',
    });
    const signIns = await db()
      .select({ action: auditLog.action, ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.actor, email), eq(auditLog.action, 'admin.sign_in')));
    expect(signIns).toEqual([{ action: 'admin.sign_in', ip }]);
  });

  it('refuses a customer even with a correct password', async () => {
    const email = `customer-${suffix}@example.com`;
    const admin = await upsertAdmin(db(), { email, password: PASSWORD, actor: 'test' });
    await db().update(users).set({ role: 'customer' }).where(eq(users.id, admin.id));
    expect(await authorizeAdmin({ email, password: PASSWORD }, request('198.51.100.7'))).toBeNull();
  });

  it('stops an email after too many attempts, even with the right password, from any address', async () => {
    const email = await newAdmin('guessed');
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perEmail.limit; attempt++) {
      const ip = `203.0.113.${attempt}`;
      expect(
        await authorizeAdmin({ email, password: `wrong guess ${attempt}` }, request(ip)),
      ).toBeNull();
    }
    await expect(
      authorizeAdmin({ email, password: PASSWORD }, request('192.0.2.200')),
    ).rejects.toBeInstanceOf(SignInRateLimited);
  });

  it('stops an address that tries many emails', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perClient.limit; attempt++) {
      await authorizeAdmin(
        { email: `nobody${attempt}-${suffix}@example.com`, password: 'x' },
        request(ip),
      );
    }
    const email = await newAdmin('shared-ip');
    await expect(authorizeAdmin({ email, password: PASSWORD }, request(ip))).rejects.toBeInstanceOf(
      SignInRateLimited,
    );
    // Twenty scrypt derivations at OWASP's cost: most of a minute on two busy cores.
  }, 120_000);

  it('a successful sign-in clears the email count', async () => {
    const email = await newAdmin('forgetful');
    const ip = `198.18.0.${Math.floor(Math.random() * 250)}`;
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perEmail.limit - 1; attempt++) {
      await authorizeAdmin({ email, password: 'typo typo typo' }, request(ip));
    }
    expect(await authorizeAdmin({ email, password: PASSWORD }, request(ip))).not.toBeNull();
    const rows = await db()
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `email:${email}`));
    expect(rows).toEqual([]);
  });

  it('counts attempts made at once through separate connections (separate instances)', async () => {
    const key = `email:concurrent-${suffix}@example.com`;
    const instances = [
      connect(process.env.DATABASE_URL!, { max: 4 }),
      connect(process.env.DATABASE_URL!, { max: 4 }),
    ];
    try {
      // Each "instance" writes through its own pool; the limit must still count all twelve.
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          consumeAttempt(key, window(5), instances[index % 2]!.db),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(5);
      const [row] = await db().select().from(rateLimits).where(eq(rateLimits.key, key));
      expect(row?.attempts).toBe(12);
    } finally {
      await Promise.all(instances.map(({ sql }) => sql.end()));
    }
  });

  it('starts counting again once the window has passed', async () => {
    const key = `email:patient-${suffix}@example.com`;
    for (let attempt = 0; attempt < 3; attempt++) await consumeAttempt(key, window(2));
    expect(await consumeAttempt(key, window(2))).toBe(false);
    await db()
      .update(rateLimits)
      .set({
        windowStart: new Date(Date.now() - (SIGN_IN_LIMITS.perEmail.windowSeconds + 1) * 1000),
      })
      .where(eq(rateLimits.key, key));
    expect(await consumeAttempt(key, window(2))).toBe(true);
  });
});

describe('expired sign-in windows', () => {
  it('are swept away, while current ones stay', async () => {
    const old = `email:old-${suffix}@example.com`;
    const current = `email:current-${suffix}@example.com`;
    await consumeAttempt(old, window(5));
    await consumeAttempt(current, window(5));
    await db()
      .update(rateLimits)
      .set({
        windowStart: new Date(Date.now() - (SIGN_IN_LIMITS.perEmail.windowSeconds + 60) * 1000),
      })
      .where(eq(rateLimits.key, old));
    await sweepExpiredWindows(db(), SIGN_IN_LIMITS.perEmail.windowSeconds);
    const keys = (await db().select({ key: rateLimits.key }).from(rateLimits)).map(
      (row) => row.key,
    );
    expect(keys).not.toContain(old);
    expect(keys).toContain(current);
  });
});

describe('npm run admin:create', () => {
  it('refuses weak passwords and records who created an admin', async () => {
    const email = `created-${suffix}@example.com`;
    await expect(
      upsertAdmin(db(), { email, password: 'password', actor: 'test' }),
    ).rejects.toBeInstanceOf(AdminInputError);
    const { id, created } = await upsertAdmin(db(), {
      email,
      password: PASSWORD,
      actor: 'npm run admin:create',
    });
    expect(created).toBe(true);
    const again = await upsertAdmin(db(), {
      email,
      password: `${PASSWORD} 2`,
      actor: 'npm run admin:create',
    });
    expect(again).toEqual({ id, created: false });
    const audit = await db().select().from(auditLog).where(like(auditLog.targetId, id));
    expect(audit.map((row) => row.action)).toEqual(['admin.create', 'admin.set_password']);
  });
});

describe('password hashes', () => {
  it('made with older scrypt parameters still sign in, and are remade at today’s on that sign-in', async () => {
    const email = await newAdmin('old-hash');
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD.normalize('NFKC'), salt, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    const oldHash = [
      'scrypt',
      2 ** 15,
      8,
      1,
      salt.toString('base64url'),
      key.toString('base64url'),
    ];
    await db()
      .update(users)
      .set({ passwordHash: oldHash.join('$') })
      .where(eq(users.email, email));

    expect(
      await authorizeAdmin({ email, password: PASSWORD }, request('198.51.100.77')),
    ).toMatchObject({
      email,
    });
    const [stored] = await db().select().from(users).where(eq(users.email, email));
    expect(stored?.passwordHash?.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
    expect(
      await authorizeAdmin({ email, password: PASSWORD }, request('198.51.100.77')),
    ).toMatchObject({
      email,
    });
  });
});
