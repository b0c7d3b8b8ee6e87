import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, trustedProxyHops } from '@/lib/env';

/** Any 32+ character value will do; production refuses to start without one. */
const AUTH_SECRET = 'a-test-secret-that-is-long-enough-1234';

function problemsOf(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('runs with no variables at all in development, with the documented defaults', () => {
    const config = loadEnv({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      APP_URL: 'http://localhost:3000',
      STORE_NAME: 'Shopfront',
      STORE_CURRENCY: 'usd',
      CHECKOUT_CAPTURE_METHOD: 'automatic',
      CHECKOUT_MAX_ITEMS: 50,
      CHECKOUT_MAX_ITEMS_PER_CLIENT: 100,
      CSV_EXPORT_STALL_SECONDS: 30,
      DATABASE_PREPARE: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names an unknown currency and says what a valid one looks like', () => {
    expect(problemsOf({ STORE_CURRENCY: 'XYZ' })).toEqual([
      'STORE_CURRENCY=XYZ: must be an ISO 4217 currency code such as usd, eur, sek or jpy',
    ]);
  });

  it('accepts a currency in any case and stores it lowercase, as Stripe wants it', () => {
    expect(loadEnv({ STORE_CURRENCY: 'SEK' }).STORE_CURRENCY).toBe('sek');
  });

  it('names a malformed DATABASE_URL without echoing a value that may hold a password', () => {
    expect(problemsOf({ DATABASE_URL: 'not-a-url' })).toEqual([
      'DATABASE_URL=<hidden>: must be a postgres:// URL such as postgres://user:password@host:5432/shopfront',
    ]);
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/shop' })[0]).toMatch(
      /^DATABASE_URL=<hidden>/,
    );
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({
      STORE_CURRENCY: 'XYZ',
      PORT: 'eighty',
      CHECKOUT_CAPTURE_METHOD: 'later',
    });
    expect(problems).toEqual([
      'PORT=eighty: must be a port number such as 3000',
      'STORE_CURRENCY=XYZ: must be an ISO 4217 currency code such as usd, eur, sek or jpy',
      'CHECKOUT_CAPTURE_METHOD=later: must be automatic or manual',
    ]);
  });

  it('reads the stock hold limits, and refuses a client limit below one checkout', () => {
    expect(
      loadEnv({ CHECKOUT_MAX_ITEMS: '10', CHECKOUT_MAX_ITEMS_PER_CLIENT: '10' }),
    ).toMatchObject({ CHECKOUT_MAX_ITEMS: 10, CHECKOUT_MAX_ITEMS_PER_CLIENT: 10 });
    expect(problemsOf({ CHECKOUT_MAX_ITEMS: 'lots' })).toEqual([
      'CHECKOUT_MAX_ITEMS=lots: must be a whole number of items such as 50',
    ]);
    expect(problemsOf({ CHECKOUT_MAX_ITEMS_PER_CLIENT: '0' })).toContain(
      'CHECKOUT_MAX_ITEMS_PER_CLIENT=0: must be at least 1',
    );
    expect(problemsOf({ CHECKOUT_MAX_ITEMS: '150' })).toEqual([
      'CHECKOUT_MAX_ITEMS_PER_CLIENT (not set): must be at least CHECKOUT_MAX_ITEMS (150): a client may always hold one full checkout',
    ]);
  });

  it('rejects keys that are not Stripe secret keys, hiding their value', () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: 'pk_test_abc' })).toEqual([
      'STRIPE_SECRET_KEY=<hidden>: must be a Stripe secret key: sk_test_... or sk_live_...',
    ]);
  });

  it('requires DATABASE_URL in production: the embedded server is for development only', () => {
    expect(problemsOf({ NODE_ENV: 'production', AUTH_SECRET })).toEqual([
      'DATABASE_URL (not set): is required in production (the embedded Postgres is for development and tests): set postgres://user:password@host:5432/shopfront',
    ]);
  });

  it('lets `next build` run without production secrets; the server checks them at start', () => {
    expect(
      loadEnv({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }).DATABASE_URL,
    ).toBeUndefined();
  });

  it('refuses the Stripe emulator in production unless explicitly allowed', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.example.com/shop',
      AUTH_SECRET,
    };
    expect(problemsOf({ ...production, STRIPE_API_BASE: 'http://127.0.0.1:12111' })[0]).toMatch(
      /^STRIPE_API_BASE=http:\/\/127\.0\.0\.1:12111: points Stripe at the emulator/,
    );
    expect(
      loadEnv({
        ...production,
        STRIPE_API_BASE: 'http://127.0.0.1:12111',
        ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
      }).STRIPE_API_BASE,
    ).toBe('http://127.0.0.1:12111');
  });

  it('refuses the load-test routes in production, except for the bench against the emulator', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.example.com/shop',
      AUTH_SECRET,
    };
    expect(problemsOf({ ...production, BENCH_ROUTES: 'true' })).toEqual([
      'BENCH_ROUTES=true: mounts unauthenticated load-test routes (/api/bench/*, /bench/static-page), which production never serves: unset it (npm run bench sets it against the emulator)',
    ]);
    const bench = {
      ...production,
      BENCH_ROUTES: 'true',
      STRIPE_API_BASE: 'http://127.0.0.1:12111',
      ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
    };
    expect(loadEnv(bench).BENCH_ROUTES).toBe(true);
  });

  it('trusts no proxy by default, Vercel’s edge on Vercel, and the hops it is told', () => {
    expect(trustedProxyHops(loadEnv({}))).toBe(0);
    expect(trustedProxyHops(loadEnv({ VERCEL: '1' }))).toBe('vercel');
    expect(trustedProxyHops(loadEnv({ TRUSTED_PROXY_HOPS: '2' }))).toBe(2);
    expect(trustedProxyHops(loadEnv({ VERCEL: '1', TRUSTED_PROXY_HOPS: '1' }))).toBe(1);
    expect(trustedProxyHops(loadEnv({ TRUSTED_PROXY_HOPS: 'vercel' }))).toBe('vercel');
    expect(problemsOf({ TRUSTED_PROXY_HOPS: 'nginx' })).toEqual([
      'TRUSTED_PROXY_HOPS=nginx: must be vercel or a number of proxies such as 0, 1 or 2',
    ]);
  });

  it('refuses a live key pointed at the emulator', () => {
    expect(
      problemsOf({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db.example.com/shop',
        AUTH_SECRET,
        STRIPE_API_BASE: 'http://127.0.0.1:12111',
        ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: 'true',
        STRIPE_SECRET_KEY: 'sk_live_abc123',
      }),
    ).toEqual([
      'STRIPE_SECRET_KEY=<hidden>: is a live key but STRIPE_API_BASE points at the emulator: use an sk_test_ key or unset STRIPE_API_BASE',
    ]);
  });

  it('requires AUTH_SECRET in production, hiding its value when it is too short', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example.com/shop' };
    expect(problemsOf(production)).toEqual([
      'AUTH_SECRET (not set): is required in production (it signs admin sessions): generate one with `openssl rand -base64 33`',
    ]);
    expect(problemsOf({ ...production, AUTH_SECRET: 'short' })).toEqual([
      'AUTH_SECRET=<hidden>: must be at least 32 characters: generate one with `openssl rand -base64 33`',
    ]);
  });

  it('reads ADMIN_EMAILS as a lower-cased list and wants both GitHub variables or neither', () => {
    expect(loadEnv({ ADMIN_EMAILS: ' Owner@Example.com, ops@example.com ' }).ADMIN_EMAILS).toEqual([
      'owner@example.com',
      'ops@example.com',
    ]);
    expect(problemsOf({ ADMIN_EMAILS: 'owner' })).toEqual([
      'ADMIN_EMAILS=owner: must be comma-separated email addresses such as owner@example.com,ops@example.com',
    ]);
    expect(problemsOf({ AUTH_GITHUB_ID: 'Iv1.abc' })).toEqual([
      'AUTH_GITHUB_SECRET (not set): GitHub sign-in needs both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET: set both or neither',
    ]);
  });

  it('treats an empty variable as unset, as a `KEY=` line in a .env file means', () => {
    expect(loadEnv({ STORE_NAME: '', DATABASE_URL: '' }).STORE_NAME).toBe('Shopfront');
  });

  it('refuses a short CRON_SECRET without echoing it', () => {
    expect(problemsOf({ CRON_SECRET: 'short' })).toEqual([
      'CRON_SECRET=<hidden>: must be at least 16 characters (for example `openssl rand -hex 32`)',
    ]);
  });
});
