import { NextResponse, type NextRequest } from 'next/server';
import { CART_COOKIE, CART_RESET_HEADER, parseCart } from '@/lib/cart';
import { CART_COUNT_COOKIE } from '@/lib/cart-count';
import { env } from '@/lib/env';
import { checkoutOrigin, contentSecurityPolicy } from '@/lib/security-headers';

// Next 16's request proxy (formerly middleware). The admin issue adds the signed-out redirect for
// /admin here.

/** Must match lib/cart-cookie.ts; the proxy avoids importing server-only modules. */
const CHECKOUT_COOKIE = 'checkout_session';

export function proxy(request: NextRequest) {
  // Next reads the nonce from the request's policy and puts it on every script it renders.
  const policy = noncePolicy();
  request.headers.set('Content-Security-Policy', policy);
  // Only this proxy says a cart was reset; a client cannot.
  request.headers.delete(CART_RESET_HEADER);

  const response =
    request.nextUrl.pathname === '/checkout/success'
      ? emptyCartAfterOwnCheckout(request)
      : resetUnreadableCart(request);
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

function noncePolicy(): string {
  const config = env();
  return contentSecurityPolicy({
    nonce: btoa(crypto.randomUUID()),
    formTargets: [checkoutOrigin(config.STRIPE_API_BASE)],
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

export const config = {
  // Only where the proxy has work (the pages rendered per request, listed in
  // lib/security-headers.ts NONCE_POLICY_PATHS): the static catalogue never runs it.
  matcher: ['/cart', '/checkout/success'],
};
