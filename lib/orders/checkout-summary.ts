import type { CustomerTaxId, Order, PostalAddress } from '@/db/schema';

// What a completed Checkout Session records on its order (the totals, the address and rate, the
// code, tax ids, the invoice), apart from the state machine's moves (state.ts), which apply it.

/** The columns a completed Checkout Session's summary fills (CheckoutSummary). */
export type SummaryField =
  | 'amountSubtotal'
  | 'amountDiscount'
  | 'amountShipping'
  | 'amountTax'
  | 'shippingName'
  | 'shippingAddress'
  | 'shippingRateId'
  | 'shippingRateName'
  | 'promotionCodeId'
  | 'promotionCode'
  | 'customerTaxIds'
  | 'stripeInvoiceId';

/**
 * What a completed Checkout Session says it charged, where the goods go and what the customer
 * entered (lib/checkout/session-summary.ts); null = the session does not say. Amounts are the
 * session's own: subtotal − discount + shipping + tax = total (tax is exclusive).
 */
export interface CheckoutSummary {
  amountSubtotal: number | null;
  amountTotal: number | null;
  amountDiscount: number | null;
  amountShipping: number | null;
  amountTax: number | null;
  shippingName: string | null;
  shippingAddress: PostalAddress | null;
  /** Stripe's id of the rate chosen (shipping_cost.shipping_rate, shr_...): named from the order's shippingOptions. */
  shippingRateStripeId: string | null;
  /** Stripe's promotion code (promo_...), and what the customer typed when the store knows it. */
  promotionCodeId: string | null;
  promotionCode: string | null;
  /** Business customers' tax ids; null when none were entered. */
  customerTaxIds: CustomerTaxId[] | null;
  stripeInvoiceId: string | null;
}

/** A session that says nothing beyond who paid. */
export const EMPTY_CHECKOUT_SUMMARY: CheckoutSummary = {
  amountSubtotal: null,
  amountTotal: null,
  amountDiscount: null,
  amountShipping: null,
  amountTax: null,
  shippingName: null,
  shippingAddress: null,
  shippingRateStripeId: null,
  promotionCodeId: null,
  promotionCode: null,
  customerTaxIds: null,
  stripeInvoiceId: null,
};

/** The order's columns the summary is compared with. */
export type SummarySnapshot = Pick<
  Order,
  SummaryField | 'amountTotal' | 'amountRefunded' | 'amountCaptured' | 'shippingOptions'
>;

/** The columns recording a summary may write. */
export type SummaryChanges = Partial<Pick<Order, SummaryField | 'amountTotal' | 'amountCaptured'>>;

const SUMMARY_AMOUNTS = [
  'amountSubtotal',
  'amountTotal',
  'amountDiscount',
  'amountShipping',
  'amountTax',
] as const;
const SUMMARY_TEXTS = [
  'shippingName',
  'promotionCodeId',
  'promotionCode',
  'stripeInvoiceId',
] as const;

/**
 * What the session's summary adds to the order: only what it says (never erasing) and only what
 * differs, so a duplicate or late delivery of the same session changes nothing.
 */
export function summaryChanges(order: SummarySnapshot, summary: CheckoutSummary): SummaryChanges {
  const changes: SummaryChanges = {};
  for (const field of SUMMARY_AMOUNTS) {
    const value = summary[field];
    if (value !== null && value !== order[field]) changes[field] = value;
  }
  // The total can only be recorded above what was already refunded, and what was captured
  // before the session was recorded (a capture racing it) stays within the total.
  if (changes.amountTotal !== undefined) {
    if (changes.amountTotal < order.amountRefunded) delete changes.amountTotal;
    else if (order.amountCaptured !== null && order.amountCaptured > changes.amountTotal)
      changes.amountCaptured = changes.amountTotal;
  }
  for (const field of SUMMARY_TEXTS) {
    const value = summary[field];
    if (value !== null && value !== order[field]) changes[field] = value;
  }
  if (summary.shippingAddress && !isSameAddress(summary.shippingAddress, order.shippingAddress))
    changes.shippingAddress = summary.shippingAddress;
  if (summary.customerTaxIds && !isSameTaxIds(summary.customerTaxIds, order.customerTaxIds))
    changes.customerTaxIds = summary.customerTaxIds;
  if (summary.shippingRateStripeId) {
    // The store's rate when the session's own offer names it; Stripe's id (and no name) if not.
    const offered = order.shippingOptions?.find(
      (option) => option.stripeId === summary.shippingRateStripeId,
    );
    const rateId = offered?.rateId ?? summary.shippingRateStripeId;
    if (rateId !== order.shippingRateId) changes.shippingRateId = rateId;
    if (offered && offered.name !== order.shippingRateName) changes.shippingRateName = offered.name;
  }
  return changes;
}

// jsonb keeps no key order, so addresses and tax ids are compared field by field.
function isSameAddress(a: PostalAddress, b: PostalAddress | null): boolean {
  if (!b) return false;
  return (['line1', 'line2', 'city', 'state', 'postal_code', 'country'] as const).every(
    (key) => (a[key] ?? null) === (b[key] ?? null),
  );
}

function isSameTaxIds(a: CustomerTaxId[], b: CustomerTaxId[] | null): boolean {
  return (
    b !== null &&
    a.length === b.length &&
    a.every((id, index) => id.type === b[index]!.type && id.value === b[index]!.value)
  );
}
