import { z } from 'zod';

/**
 * The cart as it travels in its httpOnly cookie: product ids and quantities only. Prices, names
 * and stock always come from the database when the cart is shown or checked out, so a cookie
 * edited by hand can change what is asked for, never what it costs.
 */

export const CART_COOKIE = 'cart';
/**
 * Set by proxy.ts on a request whose unreadable cart cookie it deleted. Next shows the page the
 * proxy's cookie changes, so without this the page could not tell a reset cart from an empty one.
 */
export const CART_RESET_HEADER = 'x-shopfront-cart-reset';
export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;

export interface CartLine {
  productId: string;
  quantity: number;
}

export interface Cart {
  lines: CartLine[];
}

export const quantitySchema = z.coerce
  .number({ error: 'Quantity must be a number' })
  .int('Quantity must be a whole number')
  .min(1, 'Quantity must be at least 1')
  .max(MAX_QUANTITY, `Quantity can be at most ${MAX_QUANTITY}`);

export const productIdSchema = z.uuid({ error: 'Unknown product' });

const cookieSchema = z.object({
  v: z.literal(1),
  lines: z
    .array(z.tuple([productIdSchema, quantitySchema]))
    .max(MAX_LINES)
    .refine((lines) => new Set(lines.map(([id]) => id)).size === lines.length, 'duplicate lines'),
});

export const EMPTY_CART: Cart = { lines: [] };

export type ParsedCart = { cart: Cart; isValid: true } | { cart: Cart; isValid: false };

/** Reads the cookie's value. Anything malformed (tampered, truncated, old format) is an empty cart. */
export function parseCart(value: string | undefined): ParsedCart {
  if (!value) return { cart: EMPTY_CART, isValid: true };
  try {
    const parsed = cookieSchema.safeParse(JSON.parse(value));
    if (parsed.success) {
      return {
        cart: {
          lines: parsed.data.lines.map(([productId, quantity]) => ({ productId, quantity })),
        },
        isValid: true,
      };
    }
  } catch {
    // Not JSON: fall through to the reset below.
  }
  return { cart: EMPTY_CART, isValid: false };
}

export function serializeCart(cart: Cart): string {
  return JSON.stringify({ v: 1, lines: cart.lines.map((line) => [line.productId, line.quantity]) });
}

export class CartLimitError extends Error {}

/** Adds `quantity` of a product; the line's total is capped at MAX_QUANTITY. */
export function addLine(cart: Cart, productId: string, quantity: number): Cart {
  const existing = cart.lines.find((line) => line.productId === productId);
  if (existing) {
    return setQuantity(cart, productId, Math.min(existing.quantity + quantity, MAX_QUANTITY));
  }
  if (cart.lines.length >= MAX_LINES) {
    throw new CartLimitError(`Your cart can hold at most ${MAX_LINES} different products.`);
  }
  return { lines: [...cart.lines, { productId, quantity: Math.min(quantity, MAX_QUANTITY) }] };
}

export function setQuantity(cart: Cart, productId: string, quantity: number): Cart {
  return {
    lines: cart.lines.map((line) => (line.productId === productId ? { ...line, quantity } : line)),
  };
}

export function removeLine(cart: Cart, productId: string): Cart {
  return { lines: cart.lines.filter((line) => line.productId !== productId) };
}

export function itemCount(cart: Cart): number {
  return cart.lines.reduce((total, line) => total + line.quantity, 0);
}
