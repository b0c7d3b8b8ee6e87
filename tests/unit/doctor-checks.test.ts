import { describe, expect, it } from 'vitest';
import {
  formatChecklist,
  invalidConfiguration,
  isStrongSecret,
  runDoctorChecks,
  type DoctorFacts,
} from '@/lib/doctor/checks';

/** A production deployment that is ready to go live; each test breaks one thing. */
function readyToGoLive(overrides: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    isProduction: true,
    // Built from parts so secret scanners never mistake this made-up key for a real one.
    stripeSecretKey: ['sk', 'live', '51Habcdefghijklmnop'].join('_'),
    hasWebhookSecret: true,
    stripeApiBase: undefined,
    allowEmulatorInProduction: false,
    appUrl: 'https://shop.example.com',
    authSecret: 'q3J8vZ1mN5xR7tY9wB2eK4hL6pS0uC8fA1dG3jM5',
    admins: { kind: 'counted', count: 1 },
    devAdmin: { email: 'admin@shopfront.localhost', accounts: { kind: 'counted', count: 0 } },
    benchRoutes: false,
    pendingMigrations: { kind: 'known', tags: [] },
    stripe: { kind: 'reachable', livemode: true },
    ...overrides,
  };
}

function failures(facts: DoctorFacts) {
  return runDoctorChecks(facts)
    .filter((check) => check.status === 'fail')
    .map((check) => `${check.name}: ${check.detail}`);
}

describe('npm run doctor', () => {
  it('passes a production deployment with live keys, https, a strong secret, an admin and every migration', () => {
    expect(failures(readyToGoLive())).toEqual([]);
    expect(formatChecklist(runDoctorChecks(readyToGoLive())).ok).toBe(true);
  });

  it('fails a test key in production', () => {
    expect(failures(readyToGoLive({ stripeSecretKey: 'sk_test_abc' }))).toEqual([
      'Stripe key mode is consistent: a test key in production takes no real payments: set an sk_live_ key',
    ]);
  });

  it('fails a live key outside production', () => {
    expect(
      failures(
        readyToGoLive({
          isProduction: false,
          stripe: { kind: 'reachable', livemode: true },
        }),
      ),
    ).toContain(
      'Stripe key mode is consistent: a live key outside production charges real cards: use an sk_test_ key',
    );
  });

  it('fails a live-looking key that Stripe answers in test mode', () => {
    expect(failures(readyToGoLive({ stripe: { kind: 'reachable', livemode: false } }))).toEqual([
      'Stripe key mode is consistent: the key says live mode but Stripe answers in the other mode',
    ]);
  });

  it('fails a missing secret key', () => {
    expect(failures(readyToGoLive({ stripeSecretKey: undefined }))).toContain(
      'Stripe key mode is consistent: STRIPE_SECRET_KEY is not set: set sk_live_... in production',
    );
  });

  it('fails a missing webhook signing secret', () => {
    expect(failures(readyToGoLive({ hasWebhookSecret: false }))).toEqual([
      expect.stringMatching(/^Webhook signing secret is set: STRIPE_WEBHOOK_SECRET is not set/),
    ]);
  });

  it('fails an http APP_URL in production, and allows it in development', () => {
    expect(failures(readyToGoLive({ appUrl: 'http://shop.example.com' }))).toEqual([
      expect.stringMatching(/^APP_URL is https: http:\/\/shop.example.com: customers return here/),
    ]);
    const development = runDoctorChecks(
      readyToGoLive({ isProduction: false, appUrl: 'http://localhost:3000' }),
    ).find((check) => check.name === 'APP_URL is https');
    expect(development?.status).toBe('pass');
  });

  it('fails a weak AUTH_SECRET: short, repetitive, or a phrase', () => {
    for (const authSecret of ['short-secret', 'a'.repeat(40), 'changemechangemechangemechangeme']) {
      expect(failures(readyToGoLive({ authSecret }))).toEqual([
        expect.stringMatching(/^AUTH_SECRET is strong: too short or too repetitive/),
      ]);
    }
  });

  it('fails a missing AUTH_SECRET in production', () => {
    expect(failures(readyToGoLive({ authSecret: undefined }))).toEqual([
      'AUTH_SECRET is strong: AUTH_SECRET is not set: generate one with `openssl rand -base64 33`',
    ]);
  });

  it('judges secrets from `openssl rand -base64 33` strong', () => {
    expect(isStrongSecret('Zq0sO3HBTc+3lJ0e1qk0kFNk1Yl1K2b8Wv5F3g9xYz0A')).toBe(true);
  });

  it('fails the emulator configured in production, even when allowed for end-to-end tests', () => {
    expect(
      failures(
        readyToGoLive({
          stripeApiBase: 'http://127.0.0.1:12111',
          allowEmulatorInProduction: true,
        }),
      ),
    ).toEqual([
      'Stripe emulator is not configured in production: STRIPE_API_BASE=http://127.0.0.1:12111 (ALLOW_STRIPE_EMULATOR_IN_PRODUCTION is set): unset it so payments reach Stripe',
    ]);
  });

  it('fails when no admin exists, or the users cannot be read', () => {
    expect(failures(readyToGoLive({ admins: { kind: 'counted', count: 0 } }))).toEqual([
      'At least one admin exists: no admin can sign in to /admin: create one with `npm run admin:create`',
    ]);
    expect(
      failures(
        readyToGoLive({
          admins: { kind: 'unknown', detail: 'could not read users: relation does not exist' },
        }),
      ),
    ).toEqual(['At least one admin exists: could not read users: relation does not exist']);
  });

  it('fails when the development admin exists in production (its password sits in a dev checkout)', () => {
    const devAdmin = {
      email: 'admin@shopfront.localhost',
      accounts: { kind: 'counted', count: 1 },
    } as const;
    expect(failures(readyToGoLive({ devAdmin }))).toEqual([
      "No development admin: admin@shopfront.localhost exists, and its password is in a developer's .data/dev-admin.json: delete the account (/admin/customers) and create your own with `npm run admin:create`",
    ]);
    expect(
      failures(
        readyToGoLive({
          devAdmin,
          isProduction: false,
          stripeSecretKey: 'sk_test_x',
          stripe: { kind: 'reachable', livemode: false },
        }),
      ),
    ).toEqual([]);
  });

  it('fails load-test routes in production', () => {
    expect(failures(readyToGoLive({ benchRoutes: true }))).toEqual([
      'Load-test routes are off: BENCH_ROUTES mounts /api/bench/* and /bench/static-page, which anyone can call: unset it (only `npm run bench` sets it)',
    ]);
  });

  it('fails when migrations are not applied, naming them', () => {
    expect(
      failures(readyToGoLive({ pendingMigrations: { kind: 'known', tags: ['0002_admin'] } })),
    ).toEqual([
      'Database migrations are applied: not applied: 0002_admin; run `npm run db:migrate`',
    ]);
  });

  it('fails when Stripe refuses the key', () => {
    expect(
      failures(readyToGoLive({ stripe: { kind: 'refused', detail: 'Invalid API Key provided' } })),
    ).toEqual(['Stripe is reachable with this key: Invalid API Key provided']);
  });

  it('skips the Stripe call offline, with a note, without failing the checklist', () => {
    const checks = runDoctorChecks(
      readyToGoLive({
        stripe: { kind: 'offline', detail: 'getaddrinfo ENOTFOUND api.stripe.com' },
      }),
    );
    expect(checks.find((check) => check.status === 'skip')?.detail).toBe(
      'skipped, no network: getaddrinfo ENOTFOUND api.stripe.com',
    );
    expect(formatChecklist(checks).ok).toBe(true);
  });

  it('fails an invalid configuration with lib/env.ts’s own messages', () => {
    const { text, ok } = formatChecklist(
      invalidConfiguration(['STRIPE_SECRET_KEY=<hidden>: must be a Stripe secret key']),
    );
    expect(ok).toBe(false);
    expect(text).toContain('✗ Configuration is valid  STRIPE_SECRET_KEY=<hidden>');
  });

  it('prints one line per check and says how many failed', () => {
    const { text, ok } = formatChecklist(
      runDoctorChecks(readyToGoLive({ hasWebhookSecret: false, appUrl: 'http://x.example' })),
    );
    expect(ok).toBe(false);
    expect(text.split('\n').filter((line) => /^ {2}[✓✗–] /.test(line))).toHaveLength(10);
    expect(text).toContain('2 checks failed: not ready to go live.');
  });
});
