// What a completing payment-mode session keeps of what the customer entered: the shipping address
// (`collected_information.shipping_details`, the PaymentIntent's and charge's `shipping`), the
// billing address and tax ids (`customer_details`), the promotion code's redemption, what
// `customer_update` lets Checkout save on an existing customer, and the post-payment invoice.
import type Stripe from 'stripe';
import { newCheckoutInvoice } from '../billing/checkout-invoice';
import type { EmulatorContext } from '../context';
import { previousAttributes, snapshot } from '../previous-attributes';
import { redeemCoupon } from '../resources/coupons';
import type { SessionRecord } from '../state';

/** The shipping Checkout collected, as a PaymentIntent's `shipping`; null when it collected none. */
export function collectedShipping(record: SessionRecord): Stripe.PaymentIntent.Shipping | null {
  const choices = record.checkout?.choices;
  if (!choices?.shippingAddress) return null;
  return {
    address: choices.shippingAddress,
    carrier: null,
    name: choices.shippingName ?? '',
    phone: null,
    tracking_number: null,
  };
}

/** The customer's billing address: the shipping address (Checkout's "same as shipping"), else what the page asked. */
export function billingAddressOf(record: SessionRecord): Stripe.Address | null {
  const choices = record.checkout?.choices;
  return choices?.shippingAddress ?? choices?.billingAddress ?? null;
}

export function customerDetailsFor(
  record: SessionRecord,
  card: { email: string; name: string },
): Stripe.Checkout.Session.CustomerDetails {
  const { session } = record;
  const taxIds = record.checkout?.choices.taxIds ?? [];
  return {
    address: billingAddressOf(record),
    business_name: null,
    email: card.email || session.customer_email,
    individual_name: null,
    name: card.name || null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: taxIds.map((taxId) => ({
      type: taxId.type as Stripe.Checkout.Session.CustomerDetails.TaxId.Type,
      value: taxId.value,
    })),
  };
}

/**
 * Runs just before checkout.session.completed for a paid payment-mode session, so that the event
 * carries `collected_information`, `discounts` and `invoice`.
 */
export function completePaymentSession(
  ctx: EmulatorContext,
  record: SessionRecord,
  paid: boolean,
): void {
  const { session } = record;
  const checkout = record.checkout;
  if (session.mode !== 'payment' || !checkout) return;
  const { shippingAddress, shippingName } = checkout.choices;
  session.collected_information = {
    business_name: null,
    individual_name: null,
    shipping_details: shippingAddress
      ? { address: shippingAddress, name: shippingName ?? '' }
      : null,
  };
  redeem(ctx, checkout.choices.promotionCode);
  if (typeof session.customer === 'string') saveOnCustomer(ctx, record, session.customer);
  if (paid && session.invoice_creation?.enabled && typeof session.customer === 'string') {
    session.invoice = newCheckoutInvoice(ctx, record, session.customer).id;
  }
}

function redeem(ctx: EmulatorContext, promotionCodeId: string | null): void {
  const promotionCode = promotionCodeId ? ctx.state.promotionCodes.get(promotionCodeId) : undefined;
  if (!promotionCode) return;
  promotionCode.times_redeemed += 1;
  const coupon =
    typeof promotionCode.promotion.coupon === 'string'
      ? ctx.state.coupons.get(promotionCode.promotion.coupon)
      : undefined;
  if (coupon) redeemCoupon(ctx, coupon);
}

/** `customer_update[address|shipping|name]=auto`: Checkout saves what it collected on the customer. */
function saveOnCustomer(ctx: EmulatorContext, record: SessionRecord, customerId: string): void {
  const customer = ctx.state.customers.get(customerId);
  if (!customer || customer.deleted) return;
  const update = record.checkout?.customerUpdate ?? {};
  const before = snapshot(customer);
  const billing = billingAddressOf(record);
  const { shippingAddress, shippingName } = record.checkout?.choices ?? {};
  if (update.address === 'auto' && billing) customer.address = billing;
  if (update.shipping === 'auto' && shippingAddress) {
    customer.shipping = { address: shippingAddress, name: shippingName ?? '', phone: null };
  }
  const name = record.session.customer_details?.name;
  if (update.name === 'auto' && name) customer.name = name;
  const changed = previousAttributes(before, customer);
  if (Object.keys(changed).length > 0) ctx.emit('customer.updated', customer, undefined, changed);
}
