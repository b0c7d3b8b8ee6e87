import { z } from 'zod';
import {
  ISO_CURRENCIES,
  booleanFlag,
  postgresUrl,
  portNumber,
  itemCount,
  httpUrl,
} from './platform/env-values';
// Relative on purpose: next.config.ts loads this file, and Next's loader for it resolves the
// `@/` alias from the importing file's folder, not the project's root.

/**
 * Every setting Shopfront reads, parsed once. This is the one module that reads process.env:
 * the rest of the code asks `env()` and gets typed, validated values.
 */

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Set by Next itself ('phase-production-build' during `next build`). */
    NEXT_PHASE: z.string().optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_PREPARE: booleanFlag.default(true),
    DATABASE_POOL_MAX: z.coerce
      .number({ error: 'must be a whole number such as 10' })
      .int('must be a whole number such as 10')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .default(10),
    /** Seconds a CSV export waits for a client that stopped reading before freeing its connection. */
    CSV_EXPORT_STALL_SECONDS: z.coerce
      .number({ error: 'must be a whole number of seconds such as 30' })
      .int('must be a whole number of seconds such as 30')
      .min(1, 'must be at least 1')
      .max(3600, 'must be at most 3600')
      .default(30),
    PORT: portNumber(3000),
    APP_URL: httpUrl('http://localhost:3000 or https://shop.example.com').default(
      'http://localhost:3000',
    ),
    STORE_NAME: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(60, 'must be at most 60 characters')
      .default('Shopfront'),
    STORE_CURRENCY: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .refine(
        (code) => ISO_CURRENCIES.has(code),
        'must be an ISO 4217 currency code such as usd, eur, sek or jpy',
      )
      .default('usd'),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(
        /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/,
        'must be a Stripe secret key: sk_test_... or sk_live_...',
      )
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\S+$/, 'must be a webhook signing secret: whsec_...')
      .optional(),
    STRIPE_API_BASE: httpUrl('http://127.0.0.1:12111 (the Stripe emulator)').optional(),
    STRIPE_EMULATOR_PORT: portNumber(12111),
    ALLOW_STRIPE_EMULATOR_IN_PRODUCTION: booleanFlag.default(false),
    SMTP_URL: z
      .string()
      .refine(
        (value) => /^smtps?:\/\/./.test(value),
        'must be an SMTP URL such as smtp://user:password@smtp.example.com:587',
      )
      .optional(),
    EMAIL_FROM: z
      .string()
      .regex(
        /^[^<>@\s]+@[^<>@\s]+$|^.+<[^<>@\s]+@[^<>@\s]+>$/,
        'must be an address such as "Shopfront <orders@example.com>"',
      )
      .default('Shopfront <orders@localhost>'),
    /** Where the shop is told what needs it (a dispute opened); default: the first admin account. */
    NOTIFICATION_EMAIL: z
      .string()
      .trim()
      .regex(/^[^<>@\s]+@[^<>@\s]+$/, 'must be an email address such as owner@example.com')
      .optional(),
    /** Mounts /api/bench/* and /bench/static-page for `npm run bench` only; never set in a real deployment. */
    BENCH_ROUTES: booleanFlag.default(false),
    /** Set to 1 by Vercel on its builds and functions. */
    VERCEL: z.string().optional(),
    /**
     * How many reverse proxies in front of the store append to X-Forwarded-For, so the client's
     * address is read that many hops from the right (lib/platform/client-address.ts); `vercel` reads the
     * address Vercel's edge writes. Defaults to `vercel` on Vercel, else 0: the connection's own
     * address, which no client can choose.
     */
    TRUSTED_PROXY_HOPS: z
      .string()
      .trim()
      .regex(/^(vercel|\d{1,2})$/, 'must be vercel or a number of proxies such as 0, 1 or 2')
      .transform((value) => (value === 'vercel' ? 'vercel' : Number(value)))
      .optional(),
    CRON_SECRET: z
      .string()
      .min(16, 'must be at least 16 characters (for example `openssl rand -hex 32`)')
      .optional(),
    /**
     * Hosts (not URLs) whose pages may call server actions besides the store's own. Next refuses
     * an action whose Origin differs from the Host (or X-Forwarded-Host) it receives; behind a
     * proxy that rewrites Host, name the public host here. Read by `next build`.
     */
    SERVER_ACTIONS_ALLOWED_ORIGINS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim())
          .filter(Boolean),
      )
      .refine(
        (hosts) => hosts.every((host) => /^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(host)),
        'must be comma-separated hosts such as shop.example.com,*.example.com (no https://)',
      )
      .default([]),
    CHECKOUT_CAPTURE_METHOD: z
      .enum(['automatic', 'manual'], { error: 'must be automatic or manual' })
      .default('automatic'),
    /** Units one checkout may hold (each unit is stock kept from others for half an hour). */
    CHECKOUT_MAX_ITEMS: itemCount(50),
    /** Units one client's unpaid checkouts may hold at once, this one included. */
    CHECKOUT_MAX_ITEMS_PER_CLIENT: itemCount(100),
    AUTH_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters: generate one with `openssl rand -base64 33`')
      .optional(),
    AUTH_GITHUB_ID: z.string().trim().min(1, 'must not be empty').optional(),
    AUTH_GITHUB_SECRET: z.string().trim().min(1, 'must not be empty').optional(),
    ADMIN_EMAILS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((email) => email.trim().toLowerCase())
          .filter((email) => email !== ''),
      )
      .refine(
        (emails) => emails.every((email) => /^[^@\s]+@[^@\s]+$/.test(email)),
        'must be comma-separated email addresses such as owner@example.com,ops@example.com',
      )
      .default([]),
  })
  .superRefine((config, ctx) => {
    if (config.STRIPE_API_BASE && config.STRIPE_SECRET_KEY?.includes('_live_')) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_SECRET_KEY'],
        message:
          'is a live key but STRIPE_API_BASE points at the emulator: use an sk_test_ key or unset STRIPE_API_BASE',
      });
    }
    if (config.CHECKOUT_MAX_ITEMS_PER_CLIENT < config.CHECKOUT_MAX_ITEMS) {
      ctx.addIssue({
        code: 'custom',
        path: ['CHECKOUT_MAX_ITEMS_PER_CLIENT'],
        message: `must be at least CHECKOUT_MAX_ITEMS (${config.CHECKOUT_MAX_ITEMS}): a client may always hold one full checkout`,
      });
    }
    if (Boolean(config.AUTH_GITHUB_ID) !== Boolean(config.AUTH_GITHUB_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [config.AUTH_GITHUB_ID ? 'AUTH_GITHUB_SECRET' : 'AUTH_GITHUB_ID'],
        message:
          'GitHub sign-in needs both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET: set both or neither',
      });
    }
    // `next build` runs with NODE_ENV=production but serves nobody: the server checks these at start.
    if (config.NODE_ENV !== 'production' || config.NEXT_PHASE === 'phase-production-build') return;
    if (!config.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message:
          'is required in production (the embedded Postgres is for development and tests): set postgres://user:password@host:5432/shopfront',
      });
    }
    if (!config.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message:
          'is required in production (it signs admin sessions): generate one with `openssl rand -base64 33`',
      });
    }
    if (config.BENCH_ROUTES && !config.STRIPE_API_BASE) {
      ctx.addIssue({
        code: 'custom',
        path: ['BENCH_ROUTES'],
        message:
          'mounts unauthenticated load-test routes (/api/bench/*, /bench/static-page), which production never serves: unset it (npm run bench sets it against the emulator)',
      });
    }
    if (config.STRIPE_API_BASE && !config.ALLOW_STRIPE_EMULATOR_IN_PRODUCTION) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_API_BASE'],
        message:
          'points Stripe at the emulator, which production never uses: unset it (or set ALLOW_STRIPE_EMULATOR_IN_PRODUCTION=true for end-to-end tests)',
      });
    }
  });

export type Env = z.infer<typeof schema>;

/** Proxies in front of the store that append to X-Forwarded-For, or Vercel's edge. */
export type TrustedProxyHops = number | 'vercel';

/** TRUSTED_PROXY_HOPS, or its default: Vercel's edge on Vercel, no proxy anywhere else. */
export function trustedProxyHops(config: Env): TrustedProxyHops {
  return config.TRUSTED_PROXY_HOPS ?? (config.VERCEL === '1' ? 'vercel' : 0);
}

/** Variables whose values must never be echoed back in an error message. */
const SECRET_NAMES = new Set([
  'DATABASE_URL',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'SMTP_URL',
  'AUTH_SECRET',
  'AUTH_GITHUB_SECRET',
  'CRON_SECRET',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}\nSee .env.local.example for every variable.`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses a set of variables (process.env by default); throws ConfigError naming each bad one. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable means "not set", as in a .env file with `KEY=`.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'configuration');
    const raw = present[name];
    const shown =
      raw === undefined
        ? `${name} (not set)`
        : SECRET_NAMES.has(name)
          ? `${name}=<hidden>`
          : `${name}=${raw}`;
    const message =
      issue.code === 'invalid_type' && raw === undefined ? 'is required' : issue.message;
    return `${shown}: ${message}`;
  });
  throw new ConfigError(problems);
}

/**
 * The configuration `next build` (or `next dev`) sees while loading next.config.ts: `phase` is
 * Next's, so a build is not held to the production server's requirements.
 */
export function envForNextConfig(phase: string): Env {
  return loadEnv({ ...process.env, NEXT_PHASE: phase });
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
