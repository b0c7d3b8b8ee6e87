import 'server-only';
import { cookies, headers } from 'next/headers';
import {
  CART_COOKIE,
  CART_RESET_HEADER,
  EMPTY_CART,
  itemCount,
  parseCart,
  serializeCart,
  type Cart,
  type ParsedCart,
} from '@/lib/cart/lines';
import { CART_COUNT_COOKIE } from '@/lib/cart/count';
import { env } from '@/lib/env';

/**
 * The Checkout Session of the customer's latest checkout: a second checkout expires it, and
 * arriving on its success page empties the cart (proxy.ts).
 */
const CHECKOUT_COOKIE = 'checkout_session';
const THIRTY_DAYS = 60 * 60 * 24 * 30;

function cookieOptions(maxAge: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: env().APP_URL.startsWith('https://'),
    path: '/',
    maxAge,
  };
}

export async function readCart(): Promise<ParsedCart> {
  if ((await headers()).get(CART_RESET_HEADER) === '1') return { cart: EMPTY_CART, isValid: false };
  return parseCart((await cookies()).get(CART_COOKIE)?.value);
}

/** Only server actions and route handlers may call this (Next forbids cookie writes while rendering). */
export async function writeCart(cart: Cart): Promise<void> {
  const jar = await cookies();
  if (cart.lines.length === 0) {
    jar.delete(CART_COOKIE);
    jar.delete(CART_COUNT_COOKIE);
    return;
  }
  jar.set(CART_COOKIE, serializeCart(cart), cookieOptions(THIRTY_DAYS));
  // Readable by the page's script (not httpOnly): only the count, for the header badge.
  jar.set(CART_COUNT_COOKIE, String(itemCount(cart)), {
    ...cookieOptions(THIRTY_DAYS),
    httpOnly: false,
  });
}

export async function readCheckoutSessionId(): Promise<string | null> {
  return (await cookies()).get(CHECKOUT_COOKIE)?.value ?? null;
}

export async function rememberCheckoutSession(sessionId: string): Promise<void> {
  (await cookies()).set(CHECKOUT_COOKIE, sessionId, cookieOptions(60 * 60 * 24));
}

export { CART_COOKIE, CHECKOUT_COOKIE };
