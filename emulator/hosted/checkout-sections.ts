// The parts of the hosted payment page that depend on what the session collects: the shipping
// address (only the allowed countries), the shipping options with their delivery estimates, the
// billing country that automatic tax needs without a shipping address, a tax id, a promotion code,
// and the totals block. Every control has a visible, associated <label>; "Apply" and "Update
// totals" post `action=update`, which re-renders the page with the new totals without paying.
import type Stripe from 'stripe';
import { formatAmount } from '../money';
import {
  ALLOWED_COUNTRIES,
  countryName,
  TAX_ID_TYPES,
  taxIdTypeLabel,
} from '../resources/countries';
import { escapeHtml } from './html';

/** What the page offers beyond the card form, from the session (hosted/checkout-page.ts). */
export interface CheckoutExtras {
  /** `shipping_address_collection[allowed_countries]`, or null when no address is collected. */
  allowedCountries: string[] | null;
  shippingRates: Stripe.ShippingRate[];
  promotionCodes: boolean;
  taxIds: boolean;
  /** Automatic tax without a shipping address: the billing country and postal code are asked. */
  billingForTax: boolean;
  /** The applied promotion code's text, for the Discount row. */
  appliedCode: string | null;
}

export const NO_EXTRAS: CheckoutExtras = {
  allowedCountries: null,
  shippingRates: [],
  promotionCodes: false,
  taxIds: false,
  billingForTax: false,
  appliedCode: null,
};

/** The form's own field values as last entered (kept when the page re-renders). */
export type Entered = Record<string, string>;

function input(name: string, label: string, entered: Entered, attributes = ''): string {
  const value = entered[name] ?? '';
  return `<label for="${name}">${label}<input id="${name}" name="${name}" value="${escapeHtml(value)}"${attributes}></label>`;
}

function countrySelect(
  name: string,
  label: string,
  codes: readonly string[],
  entered: Entered,
): string {
  const chosen = entered[name] ?? '';
  const options = codes
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (country) =>
        `<option value="${country.code}"${country.code === chosen ? ' selected' : ''}>${escapeHtml(country.name)}</option>`,
    )
    .join('');
  return `<label for="${name}">${label}<select id="${name}" name="${name}" autocomplete="${name.startsWith('shipping') ? 'shipping' : 'billing'} country" required>
<option value=""${chosen === '' ? ' selected' : ''}>Select a country</option>${options}</select></label>`;
}

export function shippingAddressFields(extras: CheckoutExtras, entered: Entered): string {
  if (!extras.allowedCountries) return '';
  return `<fieldset><legend>Shipping address</legend>
${input('shipping_name', 'Full name', entered, ' autocomplete="shipping name" required')}
${input('shipping_line1', 'Address line 1', entered, ' autocomplete="shipping address-line1" required')}
${input('shipping_line2', 'Address line 2 (optional)', entered, ' autocomplete="shipping address-line2"')}
<div class="row">
${input('shipping_city', 'City', entered, ' autocomplete="shipping address-level2" required')}
${input('shipping_postal_code', 'Postal code', entered, ' autocomplete="shipping postal-code" required')}
</div>
${input('shipping_state', 'State, province or region', entered, ' autocomplete="shipping address-level1"')}
${countrySelect('shipping_country', 'Country', extras.allowedCountries, entered)}
</fieldset>`;
}

/** "5-7 business days", "1 business day", "2 days to 1 week". */
export function deliveryEstimate(estimate: Stripe.ShippingRate.DeliveryEstimate | null): string {
  const words = (bound: { unit: string; value: number }): string =>
    `${bound.value} ${bound.unit.replace('_', ' ')}${bound.value === 1 ? '' : 's'}`;
  const { minimum, maximum } = estimate ?? { minimum: null, maximum: null };
  if (minimum && maximum) {
    if (minimum.unit === maximum.unit) {
      return minimum.value === maximum.value
        ? words(minimum)
        : `${minimum.value}–${words(maximum)}`;
    }
    return `${words(minimum)} to ${words(maximum)}`;
  }
  if (minimum) return `At least ${words(minimum)}`;
  if (maximum) return `Up to ${words(maximum)}`;
  return '';
}

export function shippingOptionFields(
  extras: CheckoutExtras,
  session: Stripe.Checkout.Session,
): string {
  if (extras.shippingRates.length === 0) return '';
  const chosen = session.shipping_cost?.shipping_rate;
  const choices = extras.shippingRates
    .map((rate, index) => {
      const id = `shipping_rate_${index}`;
      const estimate = deliveryEstimate(rate.delivery_estimate);
      const amount = rate.fixed_amount?.amount ?? 0;
      const price =
        amount === 0 ? 'Free' : formatAmount(amount, rate.fixed_amount?.currency ?? 'usd');
      return `<label class="choice" for="${id}"><input type="radio" id="${id}" name="shipping_rate" value="${escapeHtml(rate.id)}"${rate.id === chosen ? ' checked' : ''}> ${escapeHtml(rate.display_name ?? 'Shipping')}: ${escapeHtml(price)}${estimate ? ` <span class="qty">${escapeHtml(estimate)}</span>` : ''}</label>`;
    })
    .join('');
  return `<fieldset><legend>Shipping method</legend>${choices}</fieldset>`;
}

export function billingForTaxFields(extras: CheckoutExtras, entered: Entered): string {
  if (!extras.billingForTax) return '';
  return `<fieldset><legend>Billing address</legend>
<div class="row">
${countrySelect('billing_country', 'Country', ALLOWED_COUNTRIES, entered)}
${input('billing_postal_code', 'Postal code', entered, ' autocomplete="billing postal-code"')}
</div>
${input('billing_state', 'State, province or region', entered, ' autocomplete="billing address-level1"')}
</fieldset>`;
}

export function taxIdFields(extras: CheckoutExtras, entered: Entered): string {
  if (!extras.taxIds) return '';
  const chosen = entered.tax_id_type ?? '';
  const options = TAX_ID_TYPES.filter((type) => type !== 'unknown')
    .map(
      (type) =>
        `<option value="${type}"${type === chosen ? ' selected' : ''}>${escapeHtml(taxIdTypeLabel(type))}</option>`,
    )
    .join('');
  return `<fieldset><legend>Purchasing as a business (optional)</legend>
<div class="row">
<label for="tax_id_type">Tax ID type<select id="tax_id_type" name="tax_id_type"><option value=""${chosen === '' ? ' selected' : ''}>None</option>${options}</select></label>
${input('tax_id_value', 'Tax ID', entered, ' autocomplete="off"')}
</div></fieldset>`;
}

export function promotionCodeField(
  extras: CheckoutExtras,
  entered: Entered,
  codeError: string | null,
): string {
  if (!extras.promotionCodes) return '';
  const error = codeError
    ? `<p class="field-error" id="promotion_code_error" role="alert">${escapeHtml(codeError)}</p>`
    : '';
  const described = codeError ? ' aria-describedby="promotion_code_error" aria-invalid="true"' : '';
  return `<div class="inline">
${input('promotion_code', 'Promotion code', entered, ` autocomplete="off"${described}`)}
<button type="submit" name="action" value="update" class="secondary">Apply</button>
</div>${error}`;
}

/** Recomputes the totals for a changed address or shipping method, without JavaScript. */
export function updateButton(extras: CheckoutExtras): string {
  if (!extras.allowedCountries && extras.shippingRates.length === 0 && !extras.billingForTax)
    return '';
  return '<button type="submit" name="action" value="update" class="secondary">Update totals</button>';
}

export function totalsBlock(session: Stripe.Checkout.Session, extras: CheckoutExtras): string {
  const currency = session.currency ?? 'usd';
  const money = (amount: number): string => formatAmount(amount, currency);
  const details = session.total_details;
  const rows = [`<dt>Subtotal</dt><dd>${money(session.amount_subtotal ?? 0)}</dd>`];
  if (details && details.amount_discount > 0) {
    const code = extras.appliedCode ? ` (${escapeHtml(extras.appliedCode)})` : '';
    rows.push(`<dt>Discount${code}</dt><dd>−${money(details.amount_discount)}</dd>`);
  }
  if (session.shipping_cost) {
    rows.push(`<dt>Shipping</dt><dd>${money(session.shipping_cost.amount_subtotal)}</dd>`);
  }
  if (session.automatic_tax.enabled) {
    const tax =
      session.automatic_tax.status === 'complete'
        ? money(details?.amount_tax ?? 0)
        : 'Calculated once your address is entered';
    rows.push(`<dt>Tax</dt><dd>${tax}</dd>`);
  }
  rows.push(
    `<dt class="due">Total due</dt><dd class="due">${money(session.amount_total ?? 0)}</dd>`,
  );
  return `<dl class="totals">${rows.join('')}</dl>`;
}
