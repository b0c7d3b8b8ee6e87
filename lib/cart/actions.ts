'use server';

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
import { readCart, writeCart } from '@/lib/cart/cookie';
import { findProductsForCart } from '@/lib/catalogue/queries';

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
