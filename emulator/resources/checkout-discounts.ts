// A promotion code typed on the hosted page: whether it applies to this session, and how much it
// takes off. Checkout matches the code case-insensitively and applies the coupon to the line items
// (never to shipping or tax). The refusal messages are close to what Checkout's page shows;
// Stripe's exact wording is UNCONFIRMED.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { formatAmount } from '../money';
import { couponIsValid } from './coupons';
import { promotionCodeByCode } from './promotion-codes';

export interface AppliedCode {
  promotionCode: Stripe.PromotionCode;
  coupon: Stripe.Coupon;
}

export interface CodeContext {
  currency: string;
  /** The line items' total before discounts: what a code's minimum amount is compared with. */
  subtotal: number;
  customer: string | null;
  email: string;
}

export function applicableCode(
  ctx: EmulatorContext,
  typed: string,
  order: CodeContext,
): AppliedCode | string {
  const now = ctx.clock.now();
  const promotionCode = promotionCodeByCode(ctx, typed);
  const coupon =
    typeof promotionCode?.promotion.coupon === 'string'
      ? ctx.state.coupons.get(promotionCode.promotion.coupon)
      : undefined;
  if (!promotionCode || !coupon) return 'This code is invalid.';
  if (!promotionCode.active) return 'This code is no longer active.';
  if (
    (promotionCode.expires_at !== null && now > promotionCode.expires_at) ||
    (coupon.redeem_by !== null && now > coupon.redeem_by)
  ) {
    return 'This code has expired.';
  }
  if (
    (promotionCode.max_redemptions !== null &&
      promotionCode.times_redeemed >= promotionCode.max_redemptions) ||
    !couponIsValid(coupon, now)
  ) {
    return 'This code has been redeemed the maximum number of times.';
  }
  if (promotionCode.customer !== null && promotionCode.customer !== order.customer) {
    return 'This code is invalid.';
  }
  if (coupon.amount_off !== null && coupon.currency !== order.currency) {
    return `This code is not valid for purchases in ${order.currency.toUpperCase()}.`;
  }
  const minimum = minimumFor(promotionCode.restrictions, order.currency);
  if (minimum !== null && order.subtotal < minimum) {
    return `This code requires a minimum purchase of ${formatAmount(minimum, order.currency)}.`;
  }
  if (
    promotionCode.restrictions.first_time_transaction &&
    hasPaidBefore(ctx, order.customer, order.email)
  ) {
    return 'This code is only valid for your first order.';
  }
  return { promotionCode, coupon };
}

function minimumFor(
  restrictions: Stripe.PromotionCode.Restrictions,
  currency: string,
): number | null {
  if (restrictions.minimum_amount_currency === currency) return restrictions.minimum_amount;
  return restrictions.currency_options?.[currency]?.minimum_amount ?? null;
}

/**
 * "First-time order only": the customer, or anyone paying with this email, has a successful
 * payment already (restrictions.first_time_transaction: "Customers without any successful payments or invoices", docs.stripe.com/api/promotion_codes/object).
 */
export function hasPaidBefore(
  ctx: EmulatorContext,
  customer: string | null,
  email: string,
): boolean {
  const wanted = email.trim().toLowerCase();
  for (const charge of ctx.state.charges.values()) {
    if (charge.status !== 'succeeded') continue;
    if (customer !== null && charge.customer === customer) return true;
    const paidBy = (charge.billing_details.email ?? charge.receipt_email ?? '').toLowerCase();
    if (wanted !== '' && paidBy === wanted) return true;
  }
  return false;
}

/** What the coupon takes off this subtotal: a rounded percentage, or amount_off capped at it. */
export function discountOn(coupon: Stripe.Coupon, subtotal: number): number {
  if (coupon.percent_off !== null) return Math.round((subtotal * coupon.percent_off) / 100);
  return Math.min(coupon.amount_off ?? 0, subtotal);
}

/**
 * Splits a discount over the line items in proportion to their amounts, the remainder going to
 * the largest, so the lines' `amount_discount` add up to the session's.
 */
export function spreadDiscount(total: number, amounts: number[]): number[] {
  const sum = amounts.reduce((acc, amount) => acc + amount, 0);
  if (sum === 0 || total === 0) return amounts.map(() => 0);
  const shares = amounts.map((amount) => Math.floor((total * amount) / sum));
  let left = total - shares.reduce((acc, share) => acc + share, 0);
  const order = amounts.map((_, index) => index).sort((a, b) => amounts[b]! - amounts[a]!);
  for (const index of order) {
    if (left === 0) break;
    shares[index]! += 1;
    left -= 1;
  }
  return shares;
}
