// A payment-mode Checkout Session's totals from what the customer chose so far: the line items,
// less the promotion code's discount, plus the chosen shipping rate, plus tax when automatic tax
// is on and the address is known (emulator/tax/rate-table.ts, an emulation). Run when the session
// is created (the first shipping option is preselected, as on Checkout's page:
// docs.stripe.com/payments/checkout/shipping) and whenever the customer updates the page.
//
//   amount_total = amount_subtotal - amount_discount + amount_shipping + exclusive tax
//
// `total_details.amount_tax` counts inclusive tax too, which is already inside the prices.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import type { CheckoutRecord, SessionRecord } from '../state';
import { rateFor, taxOn, TAX_CODES, type AppliedRate, type TaxLocation } from '../tax/rate-table';
import { discountOn, spreadDiscount, type AppliedCode } from './checkout-discounts';

interface TaxedAmount {
  amount: number;
  tax: number;
  inclusive: boolean;
  rate: AppliedRate | null;
}

/** Recomputes the session's amounts, its line items' and `shipping_cost` from `checkout.choices`. */
export function applyTotals(
  ctx: EmulatorContext,
  record: SessionRecord,
  code: AppliedCode | null,
): void {
  const { session, lineItems } = record;
  const checkout = record.checkout;
  if (session.mode !== 'payment' || !checkout) return;
  const location = taxLocation(ctx, record);
  const taxing = session.automatic_tax.enabled && location !== null;

  const subtotals = lineItems.map((item) => item.amount_subtotal);
  const subtotal = subtotals.reduce((sum, amount) => sum + amount, 0);
  const discount = code ? discountOn(code.coupon, subtotal) : 0;
  const shares = spreadDiscount(discount, subtotals);
  const discountObject = code ? discountFor(ctx, session, code) : null;

  const lines = lineItems.map((item, index): TaxedAmount => {
    const amount = item.amount_subtotal - (shares[index] ?? 0);
    const inclusive = item.price?.tax_behavior === 'inclusive';
    const rate = taxing ? rateFor(location, checkout.taxCodes[index] ?? null) : null;
    const tax = rate ? taxOn(amount, rate.percentage, inclusive) : 0;
    item.amount_discount = shares[index] ?? 0;
    item.amount_tax = tax;
    item.amount_total = amount + (inclusive ? 0 : tax);
    // `discounts` and `taxes` are includable fields: present only once there is something to show.
    if (discountObject && item.amount_discount > 0) {
      item.discounts = [{ amount: item.amount_discount, discount: discountObject }];
    } else delete item.discounts;
    if (rate) item.taxes = [lineTax(ctx, rate, tax, amount, inclusive, location)];
    else delete item.taxes;
    return { amount, tax, inclusive, rate };
  });

  const shippingRate = checkout.choices.shippingRate
    ? (ctx.state.shippingRates.get(checkout.choices.shippingRate) ?? null)
    : null;
  const shipping = shippingRate ? shippingAmount(shippingRate, taxing ? location : null) : null;
  session.shipping_cost =
    shippingRate && shipping
      ? {
          amount_subtotal: shipping.amount,
          amount_tax: shipping.tax,
          amount_total: shipping.amount + (shipping.inclusive ? 0 : shipping.tax),
          shipping_rate: shippingRate.id,
          taxes: shipping.rate
            ? [
                lineTax(
                  ctx,
                  shipping.rate,
                  shipping.tax,
                  shipping.amount,
                  shipping.inclusive,
                  location,
                ),
              ]
            : [],
        }
      : null;

  const taxed = shipping ? [...lines, shipping] : lines;
  const allTax = taxed.reduce((sum, line) => sum + line.tax, 0);
  const exclusiveTax = taxed.reduce((sum, line) => sum + (line.inclusive ? 0 : line.tax), 0);
  session.amount_subtotal = subtotal;
  session.amount_total = subtotal - discount + (shipping?.amount ?? 0) + exclusiveTax;
  session.total_details = {
    amount_discount: discount,
    amount_shipping: shipping?.amount ?? 0,
    amount_tax: allTax,
  };
  session.discounts = code
    ? [{ coupon: code.coupon.id, promotion_code: code.promotionCode.id }]
    : [];
  if (session.automatic_tax.enabled) {
    session.automatic_tax.status = location ? 'complete' : 'requires_location_inputs';
  }
  checkout.breakdown = {
    discounts:
      discountObject && discount > 0 ? [{ amount: discount, discount: discountObject }] : [],
    taxes: taxBreakdown(ctx, taxed, location),
  };
}

/**
 * Tax follows the shipping address, else the billing address (docs.stripe.com/tax/customer-locations),
 * else an existing customer's saved shipping address or address.
 */
export function taxLocation(ctx: EmulatorContext, record: SessionRecord): TaxLocation | null {
  const choices = record.checkout?.choices;
  const customer =
    typeof record.session.customer === 'string'
      ? ctx.state.customers.get(record.session.customer)
      : undefined;
  const saved = customer && !customer.deleted ? customer : null;
  const address = [
    choices?.shippingAddress,
    choices?.billingAddress,
    saved?.shipping?.address,
    saved?.address,
  ].find((candidate) => candidate?.country);
  if (!address?.country) return null;
  return { country: address.country, state: address.state ?? null };
}

function shippingAmount(rate: Stripe.ShippingRate, location: TaxLocation | null): TaxedAmount {
  const amount = rate.fixed_amount?.amount ?? 0;
  const inclusive = rate.tax_behavior === 'inclusive';
  const applied = location
    ? rateFor(location, (rate.tax_code as string | null) ?? TAX_CODES.shipping)
    : null;
  const tax = applied ? taxOn(amount, applied.percentage, inclusive) : 0;
  return { amount, tax, inclusive, rate: applied };
}

/** A Discount object as Checkout reports one (`discounts[].discount` on line items and breakdown). */
function discountFor(
  ctx: EmulatorContext,
  session: Stripe.Checkout.Session,
  code: AppliedCode,
): Stripe.Discount {
  return {
    // One id per session and code, so the same discount reads the same on every line.
    id: `di_${session.id.slice(-20)}${code.promotionCode.id.slice(-4)}`,
    object: 'discount',
    checkout_session: session.id,
    customer: typeof session.customer === 'string' ? session.customer : null,
    customer_account: null,
    end: null,
    invoice: null,
    invoice_item: null,
    promotion_code: code.promotionCode.id,
    source: { coupon: code.coupon.id, type: 'coupon' },
    start: ctx.clock.now(),
    subscription: null,
    subscription_item: null,
  };
}

/** The TaxRate object the table's rate stands for; its id is fixed per jurisdiction and percentage. */
export function taxRateObject(
  ctx: EmulatorContext,
  rate: AppliedRate,
  inclusive: boolean,
  location: TaxLocation | null,
): Stripe.TaxRate {
  const where = rate.jurisdiction;
  const key = `${where?.country ?? location?.country ?? 'XX'}${where?.state ?? ''}`;
  return {
    id: `txr_emu_${key}_${String(rate.percentage).replace('.', '_')}${inclusive ? '_incl' : ''}`,
    object: 'tax_rate',
    active: true,
    country: where?.country ?? location?.country ?? null,
    created: ctx.clock.now(),
    description: null,
    display_name: where ? taxName(where.taxType) : 'Tax',
    effective_percentage: rate.percentage,
    flat_amount: null,
    inclusive,
    jurisdiction: where?.name ?? null,
    jurisdiction_level: where?.state ? 'state' : 'country',
    livemode: false,
    metadata: {},
    percentage: rate.percentage,
    rate_type: 'percentage',
    state: where?.state ?? null,
    tax_type: where?.taxType ?? null,
  };
}

function taxName(type: Stripe.TaxRate.TaxType): string {
  const names: Record<string, string> = {
    vat: 'VAT',
    gst: 'GST',
    hst: 'HST',
    jct: 'JCT',
    sales_tax: 'Sales tax',
  };
  return names[type] ?? 'Tax';
}

function lineTax(
  ctx: EmulatorContext,
  rate: AppliedRate,
  tax: number,
  amount: number,
  inclusive: boolean,
  location: TaxLocation | null,
): Stripe.LineItem.Tax {
  return {
    amount: tax,
    rate: taxRateObject(ctx, rate, inclusive, location),
    taxability_reason: rate.reason,
    taxable_amount: rate.percentage === 0 ? 0 : inclusive ? amount - tax : amount,
  };
}

function taxBreakdown(
  ctx: EmulatorContext,
  taxed: TaxedAmount[],
  location: TaxLocation | null,
): Stripe.Checkout.Session.TotalDetails.Breakdown.Tax[] {
  const byRate = new Map<string, Stripe.Checkout.Session.TotalDetails.Breakdown.Tax>();
  for (const line of taxed) {
    if (!line.rate) continue;
    const entry = lineTax(ctx, line.rate, line.tax, line.amount, line.inclusive, location);
    const key = `${entry.rate.id}:${entry.taxability_reason}`;
    const existing = byRate.get(key);
    if (existing) {
      existing.amount += entry.amount;
      existing.taxable_amount = (existing.taxable_amount ?? 0) + (entry.taxable_amount ?? 0);
    } else byRate.set(key, entry);
  }
  return [...byRate.values()];
}

/** No discount and no tax yet. */
export function emptyBreakdown(): CheckoutRecord['breakdown'] {
  return { discounts: [], taxes: [] };
}
