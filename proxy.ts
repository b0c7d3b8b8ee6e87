import { NextResponse, type NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { SIGN_IN_PATH, sessionConfig } from '@/lib/auth/session-config';
import { CART_COOKIE, CART_RESET_HEADER, parseCart } from '@/lib/cart/lines';
import { CART_COUNT_COOKIE } from '@/lib/cart/count';
import { env } from '@/lib/env';
import {
  checkoutOrigin,
  contentSecurityPolicy,
  GITHUB_SIGN_IN_ORIGIN,
} from '@/lib/platform/security-headers';

// Next 16's request proxy (formerly middleware).

// Reads the session cookie only (no database): an early redirect for signed-out visitors. The
// guard itself is requireAdmin() in every admin page, action and route handler.

/** Must match lib/cart-cookie.ts; the proxy avoids importing server-only modules. */
const CHECKOUT_COOKIE = 'checkout_session';

/**
 * Decodes the session cookie without answering with it. Auth.js's `auth()` wrapper re-sends the
 * cookie with a fresh expiry on every request it reads, so an admin page request still in flight
 * when the admin signs out would set the cookie again after sign-out cleared it, and the next visit
 * to /admin would find the admin signed in. Only the cookie's name differs between https
 * (`__Secure-` prefix) and http; either way it must decrypt with the store's secret.
 */
async function isAdminSession(request: NextRequest): Promise<boolean> {
  const secret = sessionConfig().secret!;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret, secureCookie });
    if (token) return token.role === 'admin';
  }
  return false;
}

async function guardAdmin(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  if (pathname !== SIGN_IN_PATH && !(await isAdminSession(request))) {
    const signIn = new URL(SIGN_IN_PATH, request.nextUrl);
    if (pathname.startsWith('/admin')) signIn.searchParams.set('next', pathname);
    return NextResponse.redirect(signIn);
  }
  return NextResponse.next({ request: { headers: request.headers } });
}

async function route(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  if (isAdminPath(pathname)) return guardAdmin(request);
  if (pathname === '/checkout/success') return emptyCartAfterOwnCheckout(request);
  if (pathname === '/cart') return resetUnreadableCart(request);
  return NextResponse.next({ request: { headers: request.headers } });
}

export async function proxy(request: NextRequest): Promise<Response> {
  // Only this proxy says a cart was reset; a client cannot.
  request.headers.delete(CART_RESET_HEADER);
  // Pages rendered per request get a policy with a fresh nonce: Next reads it from the request's
  // policy and puts it on every script it renders. Route handlers (/api/admin) answer data.
  const policy = request.nextUrl.pathname.startsWith('/api/') ? null : noncePolicy(request);
  if (policy) request.headers.set('Content-Security-Policy', policy);
  const response = await route(request);
  if (policy) response.headers.set('Content-Security-Policy', policy);
  return response;
}

function noncePolicy(request: NextRequest): string {
  const config = env();
  const formTargets = [checkoutOrigin(config.STRIPE_API_BASE)];
  // "Sign in with GitHub" is a form post answered with a redirect to GitHub (form-action applies).
  if (isAdminPath(request.nextUrl.pathname) && config.AUTH_GITHUB_ID)
    formTargets.push(GITHUB_SIGN_IN_ORIGIN);
  return contentSecurityPolicy({
    nonce: btoa(crypto.randomUUID()),
    formTargets,
    isDevelopment: config.NODE_ENV === 'development',
  });
}

/**
 * Landing on the success page of the customer's own latest checkout empties their cart. Pages
 * cannot write cookies while rendering, and matching the session in the customer's own cookie
 * means a shared or forged success link never empties anyone else's cart.
 */
function emptyCartAfterOwnCheckout(request: NextRequest): NextResponse {
  const sessionId = request.nextUrl.searchParams.get('session_id');
  if (!sessionId || request.cookies.get(CHECKOUT_COOKIE)?.value !== sessionId) {
    return NextResponse.next({ request: { headers: request.headers } });
  }
  // Also drop them from this request, so the page itself already shows an empty cart.
  request.cookies.delete(CART_COOKIE);
  request.cookies.delete(CART_COUNT_COOKIE);
  request.cookies.delete(CHECKOUT_COOKIE);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.delete(CART_COOKIE);
  response.cookies.delete(CART_COUNT_COOKIE);
  response.cookies.delete(CHECKOUT_COOKIE);
  return response;
}

/**
 * A cart cookie that does not parse (tampered, truncated, an old format) is deleted here, where
 * cookies can be written, and the request is marked so the cart page tells the customer their
 * cart was emptied (readCart); the next request arrives without it.
 */
function resetUnreadableCart(request: NextRequest): NextResponse {
  if (!isCartUnreadable(request)) {
    return NextResponse.next({ request: { headers: request.headers } });
  }
  request.headers.set(CART_RESET_HEADER, '1');
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.delete(CART_COOKIE);
  response.cookies.delete(CART_COUNT_COOKIE);
  return response;
}

function isCartUnreadable(request: NextRequest): boolean {
  const value = request.cookies.get(CART_COOKIE)?.value;
  // Next drops a cookie whose value is not valid percent-encoding (`%E0%A4%A`): it is still sent.
  if (value === undefined)
    return new RegExp(`(^|;)\\s*${CART_COOKIE}=`).test(request.headers.get('cookie') ?? '');
  return !parseCart(value).isValid;
}

function isAdminPath(pathname: string): boolean {
  return /^\/(admin|api\/admin)(\/|$)/.test(pathname);
}

export const config = {
  // Only where the proxy has work: the pages rendered per request (lib/security-headers.ts
  // NONCE_POLICY_PATHS) and the admin's route handlers. The static catalogue never runs it.
  matcher: ['/cart', '/checkout/success', '/account/:path*', '/admin/:path*', '/api/admin/:path*'],
};
