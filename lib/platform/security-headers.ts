/**
 * The HTTP security headers, as pure functions of the few facts they depend on. next.config.ts
 * sends the static ones (every response, decided at build time); proxy.ts sends the per-request
 * policy with a nonce on the dynamic pages. Why two policies is written out in docs/SECURITY.md.
 */

/** Where Stripe-hosted Checkout pages live (https://docs.stripe.com/payments/checkout). */
export const STRIPE_CHECKOUT_ORIGIN = 'https://checkout.stripe.com';

/** Where "Sign in with GitHub" sends an admin (Auth.js's GitHub provider authorize URL). */
export const GITHUB_SIGN_IN_ORIGIN = 'https://github.com';

/**
 * The origin customers are redirected to for payment: Stripe's, or the emulator's when
 * STRIPE_API_BASE points the SDK at it (the emulator serves its hosted page on its own origin).
 */
export function checkoutOrigin(stripeApiBase: string | undefined): string {
  return stripeApiBase ? new URL(stripeApiBase).origin : STRIPE_CHECKOUT_ORIGIN;
}

export interface PolicyOptions {
  /** Per-request nonce: Next puts it on every script it renders (dynamic pages only). */
  nonce?: string;
  /**
   * Where forms may post, besides this origin. Chromium checks form-action on every redirect a
   * form post follows, so the cart's no-JavaScript checkout (a 303 to the Checkout page) needs
   * the Checkout origin here.
   */
  formTargets?: string[];
  /** `next dev`: React uses eval for its debugging stacks. */
  isDevelopment: boolean;
}

/**
 * The Content-Security-Policy. With a nonce, scripts run only if Next rendered them for this
 * response ('strict-dynamic' lets those load the chunks they import). Without one (prerendered
 * pages, which exist before any request) Next's inline bootstrap scripts can only be allowed as
 * 'unsafe-inline'; 'self' still keeps every script file on our own origin.
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const scripts = options.nonce
    ? ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'"]
    : ["'self'", "'unsafe-inline'"];
  if (options.isDevelopment) scripts.push("'unsafe-eval'");
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', scripts],
    // Inline style attributes (next/image sets some) cannot carry a nonce; styles run no code.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'", ...(options.formTargets ?? [])]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

export interface Header {
  key: string;
  value: string;
}

/**
 * Headers every response carries. HSTS only from a production build: browsers ignore it over
 * plain http anyway (RFC 6797 §8.1), and on a developer's https://localhost it would stick for
 * two years. No `preload`: that is a commitment the owner of the domain makes, not the app.
 */
export function baseSecurityHeaders(options: { isProduction: boolean }): Header[] {
  const headers: Header[] = [
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // frame-ancestors 'none' says the same to browsers that read CSP; this is for those that do not.
    { key: 'X-Frame-Options', value: 'DENY' },
  ];
  if (options.isProduction) {
    headers.push({
      key: 'Strict-Transport-Security',
      value: 'max-age=63072000; includeSubDomains',
    });
  }
  return headers;
}

/**
 * Paths whose pages are rendered per request and get their policy (with a nonce) from proxy.ts.
 * Everything else gets the nonce-less policy from next.config.ts. Keep in step with proxy.ts's
 * matcher: a path in neither list would have no policy at all (a header test checks both).
 */
export const NONCE_POLICY_PATHS = ['/cart', '/checkout/success', '/account', '/admin'] as const;

/** next.config.ts `headers()` source for "every path except NONCE_POLICY_PATHS". */
export const STATIC_POLICY_SOURCE = `/((?!${NONCE_POLICY_PATHS.map((path) => path.slice(1)).join('|')}).*)`;
