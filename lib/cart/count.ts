/**
 * The cart's item count, readable by the browser so that static pages can show it in the header.
 * It is a convenience copy: the httpOnly cart cookie stays the only truth the server reads.
 */
export const CART_COUNT_COOKIE = 'cart_count';

/** Dispatched on window after a client-side cart change, so the header badge re-reads the count. */
export const CART_CHANGED_EVENT = 'shopfront:cart-changed';
