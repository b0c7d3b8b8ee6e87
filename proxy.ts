import { NextResponse, type NextRequest } from 'next/server';
import { CART_COOKIE } from '@/lib/cart';
import { CART_COUNT_COOKIE } from '@/lib/cart-count';

// Next 16's request proxy (formerly middleware). The admin issue adds the signed-out redirect for
// /admin here.

/** Must match lib/cart-cookie.ts; the proxy avoids importing server-only modules. */
const CHECKOUT_COOKIE = 'checkout_session';

export function proxy(request: NextRequest) {
  // Landing on the success page of the customer's own latest checkout empties their cart. Pages
  // cannot write cookies while rendering, and matching the session in the customer's own cookie
  // means a shared or forged success link never empties anyone else's cart.
  if (request.nextUrl.pathname === '/checkout/success') {
    const sessionId = request.nextUrl.searchParams.get('session_id');
    if (sessionId && request.cookies.get(CHECKOUT_COOKIE)?.value === sessionId) {
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
  }
  return NextResponse.next();
}

export const config = {
  // Only where the proxy has work: everything else (the static catalogue) never runs it.
  matcher: ['/checkout/success'],
};
