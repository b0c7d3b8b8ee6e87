'use server';

import { updateTag } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/platform/action-state';
import {
  addLine,
  CartLimitError,
  productIdSchema,
  quantitySchema,
  removeLine,
  setQuantity,
} from '@/lib/cart/lines';
import {
  readCart,
  readCheckoutSessionId,
  rememberCheckoutSession,
  writeCart,
} from '@/lib/cart/cookie';
import { startCheckout } from '@/lib/checkout/start';
import { currentCustomer } from '@/lib/customers/session';
import { isCheckoutAllowed } from '@/lib/checkout/limits';
import { clientKey, UNKNOWN_CLIENT } from '@/lib/platform/client-address';
import { CATALOGUE_TAG, findProductsForCart } from '@/lib/catalogue/queries';

const lineInput = z.object({ productId: productIdSchema, quantity: quantitySchema });

function invalid(error: z.ZodError): ActionState {
  return { status: 'error', message: error.issues[0]?.message ?? 'That request was not valid.' };
}

export async function addToCart(_state: ActionState, form: FormData): Promise<ActionState> {
  const input = lineInput.safeParse({
    productId: form.get('productId'),
    quantity: form.get('quantity') ?? 1,
  });
  if (!input.success) return invalid(input.error);
  const [product] = await findProductsForCart([input.data.productId]);
  if (!product || !product.active)
    return { status: 'error', message: 'That product is not for sale.' };
  if (product.stock !== null && product.stock <= 0)
    return { status: 'error', message: `${product.name} is sold out.` };
  try {
    const { cart } = await readCart();
    await writeCart(addLine(cart, input.data.productId, input.data.quantity));
  } catch (error) {
    if (error instanceof CartLimitError) return { status: 'error', message: error.message };
    throw error;
  }
  return { status: 'success', message: `Added ${product.name} to your cart.` };
}

export async function updateCartLine(form: FormData): Promise<void> {
  const input = lineInput.safeParse({
    productId: form.get('productId'),
    quantity: form.get('quantity'),
  });
  if (!input.success) return;
  const { cart } = await readCart();
  await writeCart(setQuantity(cart, input.data.productId, input.data.quantity));
}

export async function removeCartLine(form: FormData): Promise<void> {
  const productId = productIdSchema.safeParse(form.get('productId'));
  if (!productId.success) return;
  const { cart } = await readCart();
  await writeCart(removeLine(cart, productId.data));
}

export async function checkout(_state: ActionState, _form: FormData): Promise<ActionState> {
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
  });
  // Stock was reserved (or found short): the product pages' cached stock must not lag behind.
  updateTag(CATALOGUE_TAG);
  if (result.kind === 'rejected') {
    return { status: 'error', message: result.message, problems: result.problems };
  }
  await rememberCheckoutSession(result.sessionId);
  // A 303 to Stripe's hosted page (also for a plain form post without JavaScript).
  redirect(result.url);
}
