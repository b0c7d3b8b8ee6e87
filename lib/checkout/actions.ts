'use server';

import { updateTag } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { readCart, readCheckoutSessionId, rememberCheckoutSession } from '@/lib/cart/cookie';
import { CATALOGUE_TAG } from '@/lib/catalogue/queries';
import { isCheckoutAllowed } from '@/lib/checkout/limits';
import { startCheckout } from '@/lib/checkout/start';
import { currentCustomer } from '@/lib/customers/session';
import type { ActionState } from '@/lib/platform/action-state';
import { clientKey, UNKNOWN_CLIENT } from '@/lib/platform/client-address';

/** The cart page's Checkout button: limits, then a Checkout Session, then a 303 to Stripe's page. */
export async function checkout(_state: ActionState, form: FormData): Promise<ActionState> {
  const client = clientKey(await headers());
  if (!(await isCheckoutAllowed(client))) {
    return {
      status: 'error',
      message:
        'Too many checkouts were started from your connection. Wait a few minutes, then try again.',
    };
  }
  const { cart } = await readCart();
  const result = await startCheckout({
    cart,
    previousSessionId: await readCheckoutSessionId(),
    customer: await currentCustomer(),
    // No address to tell clients apart: all of them would share (and expire) one hold.
    client: client === UNKNOWN_CLIENT ? null : client,
    shipTo: shipToOf(form),
  });
  // Stock was reserved (or found short): the product pages' cached stock must not lag behind.
  updateTag(CATALOGUE_TAG);
  if (result.kind === 'rejected') {
    return {
      status: 'error',
      message: result.message,
      problems: result.problems,
      values: { country: String(form.get('country') ?? '') },
    };
  }
  await rememberCheckoutSession(result.sessionId);
  // A 303 to Stripe's hosted page (also for a plain form post without JavaScript).
  redirect(result.url);
}

/** The cart's "Ship to" choice: an ISO country code, or nothing (checkout then asks for one). */
function shipToOf(form: FormData): string | null {
  const country = form.get('country');
  return typeof country === 'string' && /^[A-Z]{2}$/.test(country) ? country : null;
}
