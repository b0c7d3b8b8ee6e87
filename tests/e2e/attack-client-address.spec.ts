import { randomBytes } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import { auditLog, emailOutbox, rateLimits } from '@/db/schema';
import { LINK_LIMITS, SIGN_IN_LIMITS } from '@/lib/auth/sign-in-limits';
import { freePort } from '@/scripts/processes';
import { startStoreServer, type StoreServer } from '@/tests/support/store-server';
import { e2eDatabase } from './e2e-database';
import { expect, test } from './fixtures';
import { passwordAttempt } from './raw-http';

// Per-client limits against a client that writes its own X-Forwarded-For: on a bare Node server
// (no proxy trusted, the default; a server of this spec's own) and behind one trusted proxy that
// appends the address it saw (nginx's $proxy_add_x_forwarded_for: the global setup's store).
// Loopback source addresses 127.0.0.x are separate clients.

const randomHops = () =>
  `203.0.113.${Math.floor(Math.random() * 250)}, 10.${randomBytes(3).join('.')}`;
const wrongAttempt = (from?: string, forwardedFor?: string) => ({
  email: `nobody-${randomBytes(4).toString('hex')}@example.com`,
  password: 'not the password',
  from,
  headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : undefined,
});

/** The limits these tests used up go, so later specs start fresh. */
async function forgetAttempts(keys: string[]) {
  const { db, sql } = e2eDatabase();
  try {
    await db.delete(rateLimits).where(inArray(rateLimits.key, keys));
    await db.delete(rateLimits).where(like(rateLimits.key, 'email:nobody-%'));
  } finally {
    await sql.end();
  }
}

test.describe('on a bare Node server', () => {
  let bare: StoreServer;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    const port = await freePort();
    bare = await startStoreServer(port, {
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
      APP_URL: `http://127.0.0.1:${port}`,
      STRIPE_API_BASE: process.env.E2E_EMULATOR_URL!,
      STRIPE_SECRET_KEY: 'sk_test_shopfronte2e',
      STRIPE_WEBHOOK_SECRET: 'whsec_bareservertest',
      ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
      AUTH_SECRET: randomBytes(33).toString('base64'),
    });
  });
  test.afterAll(async () => {
    await bare?.stop();
    await forgetAttempts(['ip:127.0.0.2', 'ip:127.0.0.3', 'ip:127.0.0.4']);
  });

  test('rotating X-Forwarded-For does not buy more admin password attempts', async () => {
    test.setTimeout(120_000);
    for (let i = 0; i < SIGN_IN_LIMITS.perClient.limit; i++) {
      expect(await passwordAttempt(bare.url, wrongAttempt('127.0.0.2', randomHops()))).toBe(
        'wrong_password',
      );
    }
    expect(await passwordAttempt(bare.url, wrongAttempt('127.0.0.2', randomHops()))).toBe(
      'rate_limited',
    );
    expect(await passwordAttempt(bare.url, wrongAttempt('127.0.0.2'))).toBe('rate_limited');
    // Another client keeps its own allowance.
    expect(await passwordAttempt(bare.url, wrongAttempt('127.0.0.3', randomHops()))).toBe(
      'wrong_password',
    );
  });

  test('the audit log records the connection’s address, not the one the client wrote', async () => {
    const email = process.env.E2E_ADMIN_EMAIL!;
    const since = new Date();
    expect(
      await passwordAttempt(bare.url, {
        email,
        password: process.env.E2E_ADMIN_PASSWORD!,
        from: '127.0.0.4',
        headers: { 'x-forwarded-for': '198.51.100.66' },
      }),
    ).toBe('signed_in');
    const { db, sql } = e2eDatabase();
    try {
      const rows = await db
        .select({ ip: auditLog.ip, at: auditLog.at })
        .from(auditLog)
        .where(and(eq(auditLog.actor, email), eq(auditLog.action, 'admin.sign_in')));
      const latest = rows.filter((row) => row.at >= new Date(since.getTime() - 1000));
      expect(latest.map((row) => row.ip)).toEqual(['127.0.0.4']);
    } finally {
      await sql.end();
    }
  });

  test('rotating X-Forwarded-For does not buy more sign-in links', async ({ page }) => {
    const LINKS_PER_CLIENT = LINK_LIMITS.perClient.limit;
    const emails: string[] = [];
    try {
      for (let i = 0; i <= LINKS_PER_CLIENT; i++) {
        await page.setExtraHTTPHeaders({ 'x-forwarded-for': randomHops() });
        const email = `bomb-${i}-${randomBytes(3).toString('hex')}@example.com`;
        emails.push(email);
        await page.goto(`${bare.url}/account/sign-in`);
        await page.getByLabel('Email').fill(email);
        await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
        await expect(page.getByText(/we sent a sign-in link|Too many sign-in links/)).toBeVisible();
      }
      await expect(page.getByText('Too many sign-in links asked for')).toBeVisible();
      const { db, sql } = e2eDatabase();
      try {
        const sent = await db
          .select({ id: emailOutbox.id })
          .from(emailOutbox)
          .where(inArray(emailOutbox.recipient, emails));
        expect(sent).toHaveLength(LINKS_PER_CLIENT);
      } finally {
        await sql.end();
      }
    } finally {
      await forgetAttempts(['link-ip:127.0.0.1', ...emails.map((email) => `link:${email}`)]);
    }
  });
});

test.describe('behind one trusted proxy', () => {
  test.afterAll(() => forgetAttempts(['ip:198.51.100.7', 'ip:198.51.100.8']));

  test('limits count the address the proxy saw, whatever the client wrote before it', async () => {
    test.setTimeout(120_000);
    const store = process.env.E2E_BASE_URL!;
    // What the proxy forwards: the client's own X-Forwarded-For, then the address it saw.
    const viaProxy = (client: string) => `${randomHops()}, ${client}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perClient.limit; i++) {
      expect(await passwordAttempt(store, wrongAttempt(undefined, viaProxy('198.51.100.7')))).toBe(
        'wrong_password',
      );
    }
    expect(await passwordAttempt(store, wrongAttempt(undefined, viaProxy('198.51.100.7')))).toBe(
      'rate_limited',
    );
    expect(await passwordAttempt(store, wrongAttempt(undefined, viaProxy('198.51.100.8')))).toBe(
      'wrong_password',
    );
  });
});
