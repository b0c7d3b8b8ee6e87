import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';
import { env } from '@/lib/env';

/**
 * A guest's key to one order: an HMAC of the order id under the server's secret. Order ids are
 * random UUIDs and the key cannot be made without the secret, so a link opens its own order and
 * nothing else; rotating AUTH_SECRET revokes every link at once.
 */
export function orderLinkKey(orderId: string): string {
  return createHmac('sha256', authSecret()).update(`order-link:${orderId}`).digest('base64url');
}

/** Constant-time, so the comparison's timing tells an attacker nothing about the right key. */
export function isOrderLinkKeyValid(orderId: string, key: string): boolean {
  const expected = Buffer.from(orderLinkKey(orderId));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The path of the order's page for whoever holds the link (confirmation email, success page). */
export function orderLinkPath(orderId: string): string {
  return `/account/orders/${orderId}?key=${orderLinkKey(orderId)}`;
}

export function orderLinkUrl(orderId: string): string {
  return new URL(orderLinkPath(orderId), env().APP_URL).toString();
}

/**
 * The store's link to the order's invoice, which redirects to Stripe's hosted invoice page (or its
 * PDF). Signed, it opens for whoever holds it, like the order's page; unsigned, for its owner only.
 */
export function orderInvoicePath(
  orderId: string,
  options: { pdf?: boolean; signed?: boolean } = {},
): string {
  const query = new URLSearchParams({
    ...(options.pdf && { format: 'pdf' }),
    ...(options.signed && { key: orderLinkKey(orderId) }),
  }).toString();
  return `/account/orders/${orderId}/invoice${query ? `?${query}` : ''}`;
}

/** The signed invoice link for the confirmation email. */
export function orderInvoiceUrl(orderId: string): string {
  return new URL(orderInvoicePath(orderId, { signed: true }), env().APP_URL).toString();
}

/** The order's invoice links for its pages, or null while the order has no invoice. */
export function invoiceHrefs(
  order: { id: string; stripeInvoiceId: string | null },
  { signed }: { signed: boolean },
): { pageHref: string; pdfHref: string } | null {
  if (!order.stripeInvoiceId) return null;
  return {
    pageHref: orderInvoicePath(order.id, { signed }),
    pdfHref: orderInvoicePath(order.id, { signed, pdf: true }),
  };
}
