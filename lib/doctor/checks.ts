/**
 * `npm run doctor`: Stripe's going-live checklist (https://docs.stripe.com/get-started/checklist/go-live)
 * as checks over facts gathered beforehand (facts.ts). The checks are pure, so each failure is
 * tested without a network, a database or a Stripe account.
 */

export type StripeReachability =
  | { kind: 'reachable'; livemode: boolean }
  /** No network (DNS or connection failure): reported as skipped, not failed. */
  | { kind: 'offline'; detail: string }
  /** Stripe answered, with an error (a revoked key, say). */
  | { kind: 'refused'; detail: string }
  | { kind: 'not_checked'; detail: string };

export type Count = { kind: 'counted'; count: number } | { kind: 'unknown'; detail: string };

export interface DoctorFacts {
  isProduction: boolean;
  stripeSecretKey: string | undefined;
  hasWebhookSecret: boolean;
  stripeApiBase: string | undefined;
  allowEmulatorInProduction: boolean;
  appUrl: string;
  authSecret: string | undefined;
  admins: Count;
  /** Accounts with the development admin's email (npm run dev makes it on the embedded database). */
  devAdmin: { email: string; accounts: Count };
  /** BENCH_ROUTES: unauthenticated load-test routes mounted. */
  benchRoutes: boolean;
  /** Tags of committed migrations the database has not applied. */
  pendingMigrations: { kind: 'known'; tags: string[] } | { kind: 'unknown'; detail: string };
  stripe: StripeReachability;
}

export interface DoctorCheck {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}

const pass = (name: string, detail: string): DoctorCheck => ({ name, status: 'pass', detail });
const fail = (name: string, detail: string): DoctorCheck => ({ name, status: 'fail', detail });
const skip = (name: string, detail: string): DoctorCheck => ({ name, status: 'skip', detail });

/** The one check when lib/env.ts refuses the configuration: nothing else can be gathered. */
export function invalidConfiguration(problems: string[]): DoctorCheck[] {
  return [fail('Configuration is valid', problems.join('; '))];
}

export function runDoctorChecks(facts: DoctorFacts): DoctorCheck[] {
  return [
    keyMode(facts),
    webhookSecret(facts),
    appUrl(facts),
    authSecret(facts),
    emulator(facts),
    admins(facts),
    devAdmin(facts),
    benchRoutes(facts),
    migrations(facts),
    stripeReachable(facts),
  ];
}

export function keyModeOf(key: string | undefined): 'test' | 'live' | undefined {
  const match = key?.match(/^(?:sk|rk)_(test|live)_/);
  return match?.[1] as 'test' | 'live' | undefined;
}

function keyMode(facts: DoctorFacts): DoctorCheck {
  const name = 'Stripe key mode is consistent';
  const mode = keyModeOf(facts.stripeSecretKey);
  if (!mode) return fail(name, 'STRIPE_SECRET_KEY is not set: set sk_live_... in production');
  const expected = facts.isProduction ? 'live' : 'test';
  if (mode !== expected) {
    return fail(
      name,
      facts.isProduction
        ? 'a test key in production takes no real payments: set an sk_live_ key'
        : 'a live key outside production charges real cards: use an sk_test_ key',
    );
  }
  if (facts.stripe.kind === 'reachable' && facts.stripe.livemode !== (mode === 'live')) {
    return fail(name, `the key says ${mode} mode but Stripe answers in the other mode`);
  }
  return pass(name, `${mode} key${facts.isProduction ? ' in production' : ' outside production'}`);
}

function webhookSecret(facts: DoctorFacts): DoctorCheck {
  const name = 'Webhook signing secret is set';
  return facts.hasWebhookSecret
    ? pass(name, 'STRIPE_WEBHOOK_SECRET is set')
    : fail(
        name,
        'STRIPE_WEBHOOK_SECRET is not set: without it every webhook is refused (Dashboard → Developers → Webhooks)',
      );
}

function appUrl(facts: DoctorFacts): DoctorCheck {
  const name = 'APP_URL is https';
  const url = new URL(facts.appUrl);
  if (url.protocol === 'https:') return pass(name, facts.appUrl);
  if (!facts.isProduction) return pass(name, `${facts.appUrl} (http is fine outside production)`);
  return fail(
    name,
    `${facts.appUrl}: customers return here from Checkout and cookies need https to be Secure`,
  );
}

/** At least 32 characters drawn from a varied alphabet: `openssl rand -base64 33` passes easily. */
export function isStrongSecret(secret: string): boolean {
  if (secret.length < 32) return false;
  const counts = new Map<string, number>();
  for (const char of secret) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / secret.length;
    bitsPerChar -= p * Math.log2(p);
  }
  // Random base64 of this length measures 4.5+ bits per character; a phrase or a repeat far less.
  return bitsPerChar >= 3.5;
}

function authSecret(facts: DoctorFacts): DoctorCheck {
  const name = 'AUTH_SECRET is strong';
  if (!facts.authSecret) {
    return facts.isProduction
      ? fail(name, 'AUTH_SECRET is not set: generate one with `openssl rand -base64 33`')
      : pass(name, 'not set; development generates one in .data/auth-secret');
  }
  return isStrongSecret(facts.authSecret)
    ? pass(name, `${facts.authSecret.length} characters`)
    : fail(
        name,
        'too short or too repetitive to sign admin sessions: generate one with `openssl rand -base64 33`',
      );
}

function emulator(facts: DoctorFacts): DoctorCheck {
  const name = 'Stripe emulator is not configured in production';
  if (!facts.stripeApiBase) return pass(name, 'the Stripe SDK talks to api.stripe.com');
  if (!facts.isProduction) return pass(name, `emulator at ${facts.stripeApiBase} (development)`);
  return fail(
    name,
    `STRIPE_API_BASE=${facts.stripeApiBase}${facts.allowEmulatorInProduction ? ' (ALLOW_STRIPE_EMULATOR_IN_PRODUCTION is set)' : ''}: unset it so payments reach Stripe`,
  );
}

function admins(facts: DoctorFacts): DoctorCheck {
  const name = 'At least one admin exists';
  if (facts.admins.kind === 'unknown') return fail(name, facts.admins.detail);
  return facts.admins.count > 0
    ? pass(name, `${facts.admins.count} admin${facts.admins.count === 1 ? '' : 's'}`)
    : fail(name, 'no admin can sign in to /admin: create one with `npm run admin:create`');
}

function devAdmin(facts: DoctorFacts): DoctorCheck {
  const name = 'No development admin';
  const { email, accounts } = facts.devAdmin;
  if (accounts.kind === 'unknown') return fail(name, accounts.detail);
  if (accounts.count === 0) return pass(name, `no ${email} account`);
  if (!facts.isProduction) return pass(name, `${email} exists (development only)`);
  return fail(
    name,
    `${email} exists, and its password is in a developer's .data/dev-admin.json: delete the account (/admin/customers) and create your own with \`npm run admin:create\``,
  );
}

function benchRoutes(facts: DoctorFacts): DoctorCheck {
  const name = 'Load-test routes are off';
  if (!facts.benchRoutes) return pass(name, 'BENCH_ROUTES is not set');
  if (!facts.isProduction) return pass(name, 'BENCH_ROUTES is set (development)');
  return fail(
    name,
    'BENCH_ROUTES mounts /api/bench/* and /bench/static-page, which anyone can call: unset it (only `npm run bench` sets it)',
  );
}

function migrations(facts: DoctorFacts): DoctorCheck {
  const name = 'Database migrations are applied';
  if (facts.pendingMigrations.kind === 'unknown') return fail(name, facts.pendingMigrations.detail);
  const { tags } = facts.pendingMigrations;
  return tags.length === 0
    ? pass(name, 'every committed migration is applied')
    : fail(name, `not applied: ${tags.join(', ')}; run \`npm run db:migrate\``);
}

function stripeReachable(facts: DoctorFacts): DoctorCheck {
  const name = 'Stripe is reachable with this key';
  switch (facts.stripe.kind) {
    case 'reachable':
      return pass(name, `answered in ${facts.stripe.livemode ? 'live' : 'test'} mode`);
    case 'refused':
      return fail(name, facts.stripe.detail);
    case 'offline':
      return skip(name, `skipped, no network: ${facts.stripe.detail}`);
    case 'not_checked':
      return skip(name, facts.stripe.detail);
  }
}

/** The checklist as printed, and whether it passed (skips do not fail it). */
export function formatChecklist(checks: DoctorCheck[]): { text: string; ok: boolean } {
  const mark = { pass: '✓', fail: '✗', skip: '–' } as const;
  const width = Math.max(...checks.map((check) => check.name.length));
  const lines = checks.map(
    (check) => `  ${mark[check.status]} ${check.name.padEnd(width)}  ${check.detail}`,
  );
  const failed = checks.filter((check) => check.status === 'fail').length;
  const summary =
    failed === 0
      ? 'Ready to go live.'
      : `${failed} check${failed === 1 ? '' : 's'} failed: not ready to go live.`;
  return { text: `Shopfront doctor\n\n${lines.join('\n')}\n\n${summary}`, ok: failed === 0 };
}
