import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { promotionCodes, type PostalAddress } from '@/db/schema';
import type { CheckoutSummary } from '@/lib/orders/checkout-summary';
import type { OrderFact } from '@/lib/orders/state';
import { stripeIdOf } from '@/lib/platform/identifiers';

/**
 * What a Checkout Session says it charged and collected, as the order records it. Pure: the
 * shipping rate stays Stripe's id (the order's own offer names it) and the promotion code its id
 * until withPromotionCodeText looks up what the customer typed.
 */
export function sessionSummary(session: Stripe.Checkout.Session): CheckoutSummary {
  const totals = session.total_details;
  const shipping = session.collected_information?.shipping_details ?? null;
  const taxIds = session.customer_details?.tax_ids ?? [];
  const promotion = session.discounts?.find((discount) => discount.promotion_code);
  return {
    amountSubtotal: session.amount_subtotal,
    amountTotal: session.amount_total,
    amountDiscount: totals?.amount_discount ?? null,
    amountShipping: totals ? (totals.amount_shipping ?? 0) : null,
    amountTax: totals?.amount_tax ?? null,
    shippingName: shipping?.name || null,
    shippingAddress: shipping ? postalAddress(shipping.address) : null,
    shippingRateStripeId: stripeIdOf(session.shipping_cost?.shipping_rate),
    promotionCodeId: stripeIdOf(promotion?.promotion_code),
    // An expanded promotion code carries its code; an id is looked up in the store's codes.
    promotionCode:
      promotion?.promotion_code && typeof promotion.promotion_code !== 'string'
        ? promotion.promotion_code.code
        : null,
    customerTaxIds:
      taxIds.length > 0
        ? taxIds.map((taxId) => ({ type: taxId.type, value: taxId.value ?? '' }))
        : null,
    stripeInvoiceId: stripeIdOf(session.invoice),
  };
}

/**
 * The fact with its promotion code as the customer typed it: the store's own codes are looked up
 * (no Stripe call); a code made elsewhere (the Dashboard) is shown by its id.
 */
export async function withPromotionCodeText(tx: Executor, fact: OrderFact): Promise<OrderFact> {
  if (fact.kind !== 'checkout_completed' && fact.kind !== 'async_payment_succeeded') return fact;
  const { promotionCodeId, promotionCode } = fact.summary;
  if (!promotionCodeId || promotionCode) return fact;
  const [row] = await tx
    .select({ code: promotionCodes.code })
    .from(promotionCodes)
    .where(eq(promotionCodes.id, promotionCodeId));
  return { ...fact, summary: { ...fact.summary, promotionCode: row?.code ?? promotionCodeId } };
}

function postalAddress(address: Stripe.Address): PostalAddress {
  return {
    line1: address.line1 ?? null,
    line2: address.line2 ?? null,
    city: address.city ?? null,
    state: address.state ?? null,
    postal_code: address.postal_code ?? null,
    country: address.country ?? null,
  };
}
