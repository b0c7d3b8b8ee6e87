// Checkout Session create checks that need the account's objects: the shipping rates named by
// `shipping_options` (or created from `shipping_rate_data`), and what an existing customer must
// allow Checkout to save for automatic tax and tax id collection.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest, missingParameter } from '../http/errors';
import type { SessionCreateParams } from './checkout-session-types';
import { checkShippingRateData, findShippingRate, newShippingRate } from './shipping-rates';

/**
 * The session's shipping rates, in the order given. Each option names an active `shipping_rate`
 * or carries `shipping_rate_data` (a new shr_ object), in the session's currency. Rates from
 * shipping_rate_data are created only once every option has passed its checks.
 */
export function shippingRatesFor(
  ctx: EmulatorContext,
  options: SessionCreateParams['shipping_options'],
  currency: string,
): Stripe.ShippingRate[] {
  if (!options) return [];
  const resolved = options.map((option, index) => {
    const path = `shipping_options[${index}]`;
    if (option.shipping_rate !== undefined && option.shipping_rate_data !== undefined) {
      throw invalidRequest(
        'You may only specify one of these parameters: shipping_rate, shipping_rate_data.',
        `${path}[shipping_rate]`,
      );
    }
    if (option.shipping_rate_data !== undefined) {
      checkShippingRateData(option.shipping_rate_data, `${path}[shipping_rate_data]`);
      checkCurrency(
        option.shipping_rate_data.fixed_amount?.currency ?? '',
        currency,
        `${path}[shipping_rate_data][fixed_amount][currency]`,
      );
      return option.shipping_rate_data;
    }
    if (option.shipping_rate === undefined) throw missingParameter(`${path}[shipping_rate]`);
    const rate = findShippingRate(ctx, option.shipping_rate, `${path}[shipping_rate]`);
    if (!rate.active) {
      throw invalidRequest(
        `The shipping rate \`${rate.id}\` is not active. Use an active shipping rate.`,
        `${path}[shipping_rate]`,
      );
    }
    checkCurrency(rate.fixed_amount?.currency ?? '', currency, `${path}[shipping_rate]`);
    return rate;
  });
  return resolved.map((entry) => ('object' in entry ? entry : newShippingRate(ctx, entry)));
}

// UNCONFIRMED wording; Stripe refuses a shipping rate in another currency than the session's.
function checkCurrency(rateCurrency: string, sessionCurrency: string, param: string): void {
  if (rateCurrency.toLowerCase() === sessionCurrency) return;
  throw invalidRequest(
    `The shipping rate's currency (${rateCurrency.toLowerCase()}) must match the currency of the Checkout Session (${sessionCurrency}).`,
    param,
  );
}

/**
 * With an existing customer, Checkout must be allowed to save what it collects: the address that
 * automatic tax needs (unless the customer has one), and the business name that comes with a tax
 * id (docs.stripe.com/tax/checkout, docs.stripe.com/tax/checkout/tax-ids#existing-customers).
 */
export function checkCustomerUpdate(
  params: SessionCreateParams,
  customer: Stripe.Customer | null,
): void {
  const update = params.customer_update;
  if (update !== undefined && !customer) {
    throw invalidRequest('`customer_update` can only be used with `customer`.', 'customer_update');
  }
  if (!customer) return;
  if (
    params.automatic_tax?.enabled &&
    !customer.address?.country &&
    !customer.shipping?.address?.country &&
    update?.address !== 'auto' &&
    update?.shipping !== 'auto'
  ) {
    throw invalidRequest(
      "Automatic tax calculation in Checkout requires a valid address on the Customer. Add a valid address to the Customer or set either `customer_update[address]` to 'auto' or `customer_update[shipping]` to 'auto' to save the address entered in Checkout to the Customer.",
      'automatic_tax[enabled]',
    );
  }
  if (params.tax_id_collection?.enabled && update?.name !== 'auto') {
    throw invalidRequest(
      'Tax ID collection requires updating business name on the customer. To enable tax ID collection for an existing customer, please set `customer_update[name]` to `auto`.',
      'tax_id_collection[enabled]',
    );
  }
}
