// What the customer entered on a payment-mode page (address, shipping method, promotion code,
// billing country, tax id), kept on the session's record and turned into its totals; and the
// checks Checkout makes before it takes the payment.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { applicableCode, type AppliedCode } from '../resources/checkout-discounts';
import { applyTotals, taxLocation } from '../resources/checkout-totals';
import { countryName, TAX_ID_TYPES } from '../resources/countries';
import type { SessionRecord } from '../state';
import type { CheckoutExtras, Entered } from './checkout-sections';

export const CHOICE_FIELDS = [
  'shipping_name',
  'shipping_line1',
  'shipping_line2',
  'shipping_city',
  'shipping_state',
  'shipping_postal_code',
  'shipping_country',
  'shipping_rate',
  'promotion_code',
  'tax_id_type',
  'tax_id_value',
  'billing_country',
  'billing_postal_code',
  'billing_state',
  'cardnumber',
  'expiry',
  'cvc',
] as const;

// Countries whose addresses need a state or province, and those without postal codes, among
// those a shop commonly ships to (the emulator's simplification of Checkout's address forms).
const NEEDS_STATE = new Set(['US', 'CA', 'AU']);
const NO_POSTAL_CODE = new Set(['AE', 'HK', 'IE', 'QA']);

export function extrasFor(ctx: EmulatorContext, record: SessionRecord): CheckoutExtras {
  const { session } = record;
  const payment = session.mode === 'payment' && record.checkout !== undefined;
  const allowed = session.shipping_address_collection?.allowed_countries ?? null;
  const codeId = record.checkout?.choices.promotionCode;
  return {
    allowedCountries: payment ? allowed : null,
    shippingRates: payment
      ? session.shipping_options.flatMap((option) => {
          const rate = ctx.state.shippingRates.get(option.shipping_rate as string);
          return rate ? [rate] : [];
        })
      : [],
    promotionCodes: payment && session.allow_promotion_codes === true,
    taxIds: payment && session.tax_id_collection?.enabled === true,
    billingForTax: payment && session.automatic_tax.enabled && !allowed,
    appliedCode: codeId ? (ctx.state.promotionCodes.get(codeId)?.code ?? null) : null,
  };
}

/** The fields as the page shows them before the customer changes anything: the record's choices. */
export function enteredFrom(ctx: EmulatorContext, record: SessionRecord): Entered {
  const choices = record.checkout?.choices;
  if (!choices) return {};
  const shipping = choices.shippingAddress;
  const billing = choices.billingAddress;
  const code = choices.promotionCode ? ctx.state.promotionCodes.get(choices.promotionCode) : null;
  const taxId = choices.taxIds[0];
  return {
    shipping_name: choices.shippingName ?? '',
    shipping_line1: shipping?.line1 ?? '',
    shipping_line2: shipping?.line2 ?? '',
    shipping_city: shipping?.city ?? '',
    shipping_state: shipping?.state ?? '',
    shipping_postal_code: shipping?.postal_code ?? '',
    shipping_country: shipping?.country ?? '',
    promotion_code: code?.code ?? '',
    tax_id_type: taxId?.type ?? '',
    tax_id_value: taxId?.value ?? '',
    billing_country: billing?.country ?? '',
    billing_postal_code: billing?.postal_code ?? '',
    billing_state: billing?.state ?? '',
  };
}

function address(entered: Entered, prefix: 'shipping' | 'billing'): Stripe.Address | null {
  const at = (field: string): string | null => entered[`${prefix}_${field}`]?.trim() || null;
  const result: Stripe.Address = {
    city: at('city'),
    country: at('country')?.toUpperCase() ?? null,
    line1: at('line1'),
    line2: at('line2'),
    postal_code: at('postal_code'),
    state: at('state')?.toUpperCase() ?? null,
  };
  return Object.values(result).some((value) => value !== null) ? result : null;
}

/**
 * Keeps what the customer entered and recomputes the session's totals. Returns why the typed
 * promotion code was refused, if it was (the code is then not applied).
 */
export function updateChoices(
  ctx: EmulatorContext,
  record: SessionRecord,
  entered: Entered,
  email: string,
): string | null {
  const { session } = record;
  const checkout = record.checkout;
  if (session.mode !== 'payment' || !checkout) return null;
  const extras = extrasFor(ctx, record);
  const choices = checkout.choices;
  const rate = entered.shipping_rate;
  if (rate && extras.shippingRates.some((option) => option.id === rate))
    choices.shippingRate = rate;
  if (extras.allowedCountries) {
    choices.shippingName = entered.shipping_name?.trim() || null;
    choices.shippingAddress = address(entered, 'shipping');
  }
  if (extras.billingForTax) choices.billingAddress = address(entered, 'billing');
  if (extras.taxIds) {
    const value = entered.tax_id_value?.trim() ?? '';
    choices.taxIds = value ? [{ type: entered.tax_id_type ?? '', value }] : [];
  }
  let applied: AppliedCode | null = null;
  let codeError: string | null = null;
  const typed = extras.promotionCodes ? (entered.promotion_code?.trim() ?? '') : '';
  if (typed) {
    const subtotal = record.lineItems.reduce((sum, item) => sum + item.amount_subtotal, 0);
    const result = applicableCode(ctx, typed, {
      currency: session.currency ?? 'usd',
      subtotal,
      customer: typeof session.customer === 'string' ? session.customer : null,
      email,
    });
    if (typeof result === 'string') codeError = result;
    else applied = result;
  }
  choices.promotionCode = applied?.promotionCode.id ?? null;
  applyTotals(ctx, record, applied);
  ctx.changed();
  return codeError;
}

/** Why Checkout would not take the payment yet: an incomplete or unshippable address, a bad tax id. */
export function paymentProblem(ctx: EmulatorContext, record: SessionRecord): string | null {
  const extras = extrasFor(ctx, record);
  const choices = record.checkout?.choices;
  if (!choices) return null;
  if (extras.allowedCountries) {
    const shipping = choices.shippingAddress;
    const country = shipping?.country ?? '';
    if (country && !extras.allowedCountries.includes(country)) {
      return `We cannot ship to ${countryName(country)}. Choose one of the countries listed.`;
    }
    const missing = [
      !choices.shippingName && 'full name',
      !shipping?.line1 && 'address line 1',
      !shipping?.city && 'city',
      !shipping?.postal_code && !NO_POSTAL_CODE.has(country) && 'postal code',
      !shipping?.state && NEEDS_STATE.has(country) && 'state',
      !country && 'country',
    ].filter((part): part is string => typeof part === 'string');
    if (missing.length > 0) {
      return `Your shipping address is incomplete: enter the ${missing.join(', ')}.`;
    }
  }
  if (extras.shippingRates.length > 0 && !choices.shippingRate) return 'Choose a shipping method.';
  if (extras.billingForTax && !taxLocation(ctx, record)) {
    return 'Enter your billing country so that tax can be calculated.';
  }
  return extras.taxIds ? taxIdProblem(record) : null;
}

// Formats for the common types; other types only need a value (the emulator's simplification).
const TAX_ID_FORMATS: Record<string, RegExp> = {
  eu_vat: /^[A-Z]{2}[0-9A-Z]{2,13}$/,
  gb_vat: /^GB(\d{9}|\d{12})$/,
  us_ein: /^\d{2}-?\d{7}$/,
  au_abn: /^\d{11}$/,
  ca_bn: /^\d{9}$/,
};

function taxIdProblem(record: SessionRecord): string | null {
  const taxId = record.checkout?.choices.taxIds[0];
  if (!taxId) {
    // UNCONFIRMED simplification: `required: if_supported` asks every customer for a tax id.
    return record.session.tax_id_collection?.required === 'if_supported'
      ? 'Enter your tax ID.'
      : null;
  }
  if (!TAX_ID_TYPES.includes(taxId.type) || taxId.type === 'unknown') {
    return 'Choose the type of your tax ID.';
  }
  const format = TAX_ID_FORMATS[taxId.type];
  const value = taxId.value.replace(/\s/g, '').toUpperCase();
  if (format && !format.test(value)) return 'Your tax ID is invalid.';
  taxId.value = value;
  return null;
}
