import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import NextAuth, { type Session } from 'next-auth';
import { SIGN_IN_PATH, sessionConfig } from '@/lib/auth/session-config';
import { CART_COOKIE } from '@/lib/cart';
import { CART_COUNT_COOKIE } from '@/lib/cart-count';

// Next 16's request proxy (formerly middleware).

// Reads the session cookie only (no database): an early redirect for signed-out visitors. The
// guard itself is requireAdmin() in every admin page, action and route handler.
// The config is lazy (the secret is read per request, not at build time), so Auth.js hands back
// the wrapped proxy as a promise.
const { auth } = NextAuth(sessionConfig);

/** Must match lib/cart-cookie.ts; the proxy avoids importing server-only modules. */
const CHECKOUT_COOKIE = 'checkout_session';

const withSession = auth((request: NextRequest & { auth: Session | null }) => {
  const { pathname } = request.nextUrl;
  if (isAdminPath(pathname) && pathname !== SIGN_IN_PATH) {
    if (request.auth?.user?.role !== 'admin') {
      const signIn = new URL(SIGN_IN_PATH, request.nextUrl);
      if (pathname.startsWith('/admin')) signIn.searchParams.set('next', pathname);
      return NextResponse.redirect(signIn);
    }
  }
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
}) as unknown as Promise<(request: NextRequest, event: NextFetchEvent) => Promise<Response>>;

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  return (await withSession)(request, event);
}

function isAdminPath(pathname: string): boolean {
  return /^\/(admin|api\/admin)(\/|$)/.test(pathname);
}

export const config = {
  // Only where the proxy has work: everything else (the static catalogue) never runs it.
  matcher: ['/checkout/success', '/admin/:path*', '/api/admin/:path*'],
};
