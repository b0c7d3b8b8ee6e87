import { describe, expect, it } from 'vitest';
import { loadEnv } from '@/lib/env';
import {
  baseSecurityHeaders,
  checkoutOrigin,
  contentSecurityPolicy,
  NONCE_POLICY_PATHS,
  STATIC_POLICY_SOURCE,
} from '@/lib/platform/security-headers';
import { config as proxyConfig } from '@/proxy';

describe('content security policy', () => {
  it('with a nonce, allows only scripts carrying it (and what they load), never inline ones', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc123', isDevelopment: false });
    const scripts = policy.split('; ').find((directive) => directive.startsWith('script-src'));
    expect(scripts).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
  });

  it('without a nonce (prerendered pages), allows inline scripts from this origin only', () => {
    expect(contentSecurityPolicy({ isDevelopment: false })).toContain(
      "script-src 'self' 'unsafe-inline';",
    );
  });

  it('allows eval in development only, for React’s debugging stacks', () => {
    expect(contentSecurityPolicy({ isDevelopment: true })).toContain("'unsafe-eval'");
  });

  it('denies framing, plugins and foreign base URLs', () => {
    const policy = contentSecurityPolicy({ isDevelopment: false });
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
  });

  it('lets forms post to this origin and to the form targets named (the Checkout origin)', () => {
    expect(
      contentSecurityPolicy({ isDevelopment: false, formTargets: ['https://checkout.stripe.com'] }),
    ).toContain("form-action 'self' https://checkout.stripe.com;");
  });
});

describe('the Checkout origin', () => {
  it('is Stripe’s without an emulator', () => {
    expect(checkoutOrigin(undefined)).toBe('https://checkout.stripe.com');
  });

  it('is the emulator’s own origin when STRIPE_API_BASE points at it', () => {
    expect(checkoutOrigin('http://127.0.0.1:12111/')).toBe('http://127.0.0.1:12111');
  });
});

describe('headers on every response', () => {
  it('include HSTS in a production build only', () => {
    const names = (isProduction: boolean) =>
      baseSecurityHeaders({ isProduction }).map((header) => header.key);
    expect(names(true)).toContain('Strict-Transport-Security');
    expect(names(false)).not.toContain('Strict-Transport-Security');
    expect(names(false)).toEqual(['X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options']);
  });
});

describe('which policy a path gets', () => {
  // next.config.ts's source is a path-to-regexp pattern; its group is a plain regular expression.
  const staticPolicyApplies = (path: string) =>
    new RegExp(`^${STATIC_POLICY_SOURCE.replace('/(', '/(?:')}$`).test(path);

  it('every path the proxy runs on gets the nonce policy, and no static one', () => {
    const pages = proxyConfig.matcher
      .filter((path) => !path.startsWith('/api/'))
      .map((path) => path.replace('/:path*', ''));
    expect(pages.sort()).toEqual([...NONCE_POLICY_PATHS].sort());
    for (const path of NONCE_POLICY_PATHS) expect(staticPolicyApplies(path)).toBe(false);
  });

  it('the catalogue and everything else get the static policy', () => {
    for (const path of ['/', '/products/stoneware-mug', '/api/health', '/api/admin/orders/export'])
      expect(staticPolicyApplies(path)).toBe(true);
  });
});

describe('SERVER_ACTIONS_ALLOWED_ORIGINS', () => {
  it('is a list of hosts a proxy may present as the origin of server action posts', () => {
    expect(
      loadEnv({ SERVER_ACTIONS_ALLOWED_ORIGINS: 'shop.example.com, *.example.com' })
        .SERVER_ACTIONS_ALLOWED_ORIGINS,
    ).toEqual(['shop.example.com', '*.example.com']);
    expect(loadEnv({}).SERVER_ACTIONS_ALLOWED_ORIGINS).toEqual([]);
  });

  it('refuses URLs, naming the variable', () => {
    expect(() => loadEnv({ SERVER_ACTIONS_ALLOWED_ORIGINS: 'https://shop.example.com' })).toThrow(
      /SERVER_ACTIONS_ALLOWED_ORIGINS=https:\/\/shop.example.com: must be comma-separated hosts/,
    );
  });
});
