import type { FulfilmentStatus } from '@/db/schema';

/**
 * Refunding or canceling an order whose goods are with the customer usually loses the goods too,
 * so the admin confirms it explicitly (a separate form field, checked by the server action, not only
 * in the browser). Returned goods are back: no confirmation then. No database access here: the
 * order page's forms import this module into the browser.
 */
export function hasShipped(status: FulfilmentStatus | null): boolean {
  return status === 'shipped' || status === 'delivered';
}

export const SHIPPED_REFUND_QUESTION = 'This order has shipped: refund anyway?';
export const SHIPPED_CANCEL_QUESTION = 'This order has shipped: cancel anyway?';

/** The form field that carries the confirmation, and the value it must hold. */
export const CONFIRM_SHIPPED_FIELD = 'confirmShipped';
export const CONFIRMED = 'yes';
