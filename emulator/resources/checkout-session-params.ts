// What Stripe accepts and checks on POST /v1/checkout/sessions, for the parameters the emulator
// models. Anything else is an unknown parameter, as it would be for a typo against real Stripe.
import { invalidRequest, missingParameter } from '../http/errors';
import { array, boolean, integer, metadata, object, string, type Rule } from '../http/params';
import { ALLOWED_COUNTRIES } from './countries';
import { shippingRateDataRules } from './shipping-rates';
import { minimumCharge } from '../money';
import { checkModeParams, checkRecurring } from './checkout-session-modes';
import { shippingRule } from './shipping';
import type { LineItemParams, SessionCreateParams } from './checkout-session-types';

const MAX_URL = 5000;
const AUTO_NEVER = ['auto', 'never'] as const;

const productData = object(
  {
    name: string({ maxLength: 5000 }),
    description: string({ maxLength: 40000 }),
    images: array(string({ maxLength: 2048 }), 8),
    metadata: metadata(),
    tax_code: string(),
    unit_label: string({ maxLength: 12 }),
  },
  ['name'],
);

const priceData = object(
  {
    currency: string(),
    product: string(),
    product_data: productData,
    unit_amount: integer({ min: 0, max: 99999999 }),
    tax_behavior: string({ oneOf: ['exclusive', 'inclusive', 'unspecified'] }),
    recurring: object(
      {
        interval: string({ oneOf: ['day', 'week', 'month', 'year'] }),
        interval_count: integer({ min: 1 }),
      },
      ['interval'],
    ),
  },
  ['currency'],
);

export const sessionCreateRules: Record<string, Rule> = {
  mode: string({ oneOf: ['payment', 'setup', 'subscription'] }),
  line_items: array(
    object({
      price: string(),
      price_data: priceData,
      quantity: integer({ min: 1, max: 999999 }),
      metadata: metadata(),
    }),
    100,
  ),
  success_url: string({ maxLength: MAX_URL }),
  cancel_url: string({ maxLength: MAX_URL }),
  client_reference_id: string({ maxLength: 200 }),
  customer: string(),
  customer_email: string({ maxLength: 800 }),
  customer_creation: string({ oneOf: ['always', 'if_required'] }),
  metadata: metadata(),
  expires_at: integer(),
  currency: string(),
  locale: string(),
  submit_type: string({ oneOf: ['auto', 'book', 'donate', 'pay', 'subscribe'] }),
  billing_address_collection: string({ oneOf: ['auto', 'required'] }),
  allow_promotion_codes: boolean(),
  automatic_tax: object(
    {
      enabled: boolean(),
      liability: object({ type: string({ oneOf: ['account', 'self'] }), account: string() }, [
        'type',
      ]),
    },
    ['enabled'],
  ),
  customer_update: object({
    address: string({ oneOf: AUTO_NEVER }),
    name: string({ oneOf: AUTO_NEVER }),
    shipping: string({ oneOf: AUTO_NEVER }),
  }),
  tax_id_collection: object(
    { enabled: boolean(), required: string({ oneOf: ['if_supported', 'never'] }) },
    ['enabled'],
  ),
  invoice_creation: object(
    {
      enabled: boolean(),
      invoice_data: object({
        account_tax_ids: array(string()),
        custom_fields: array(
          object({ name: string({ maxLength: 40 }), value: string({ maxLength: 140 }) }, [
            'name',
            'value',
          ]),
          4,
        ),
        description: string({ maxLength: 1500 }),
        footer: string({ maxLength: 5000 }),
        issuer: object({ type: string({ oneOf: ['account', 'self'] }), account: string() }, [
          'type',
        ]),
        metadata: metadata(),
        rendering_options: object({
          amount_tax_display: string({ oneOf: ['exclude_tax', 'include_inclusive_tax'] }),
          template: string(),
        }),
      }),
    },
    ['enabled'],
  ),
  shipping_options: array(
    object({ shipping_rate: string(), shipping_rate_data: object(shippingRateDataRules) }),
    5,
  ),
  phone_number_collection: object({ enabled: boolean() }, ['enabled']),
  shipping_address_collection: object(
    { allowed_countries: array(string({ oneOf: ALLOWED_COUNTRIES })) },
    ['allowed_countries'],
  ),
  payment_method_types: array(string({ oneOf: ['card', 'sepa_debit'] })),
  saved_payment_method_options: object({
    allow_redisplay_filters: array(string({ oneOf: ['always', 'limited', 'unspecified'] })),
    payment_method_remove: string({ oneOf: ['disabled', 'enabled'] }),
    payment_method_save: string({ oneOf: ['disabled', 'enabled'] }),
  }),
  subscription_data: object({ metadata: metadata(), description: string({ maxLength: 500 }) }),
  setup_intent_data: object({ metadata: metadata(), description: string({ maxLength: 1000 }) }),
  payment_intent_data: object({
    capture_method: string({ oneOf: ['automatic', 'automatic_async', 'manual'] }),
    metadata: metadata(),
    statement_descriptor_suffix: string({ maxLength: 22 }),
    statement_descriptor: string({ maxLength: 22 }),
    setup_future_usage: string({ oneOf: ['off_session', 'on_session'] }),
    receipt_email: string(),
    description: string({ maxLength: 1000 }),
    shipping: shippingRule,
  }),
};

// Checks that depend on more than one field, in the order Stripe reports them.
export function checkSessionCreate(params: SessionCreateParams, now: number): void {
  if (!params.mode) throw missingParameter('mode');
  checkModeParams(params, params.mode);
  checkPaymentModeOnly(params, params.mode);
  if (params.mode === 'setup') {
    checkUrlsAndCustomer(params, now);
    return;
  }
  const items = params.line_items ?? [];
  if (items.length === 0) {
    throw invalidRequest(
      `\`line_items\` is required in \`${params.mode}\` mode.`,
      'line_items',
      'parameter_missing',
    );
  }
  items.forEach(checkLineItem);
  checkRecurring(items, params.mode);
  const currencies = new Set(items.map((item) => item.price_data?.currency.toLowerCase()));
  if (currencies.size > 1) {
    throw invalidRequest('All `line_items` must use the same currency.', 'line_items');
  }
  checkUrlsAndCustomer(params, now);
  const currency = [...currencies][0] ?? 'usd';
  // SEPA Direct Debit collects euros only (docs.stripe.com/payments/sepa-debit).
  if (params.payment_method_types?.includes('sepa_debit') && currency !== 'eur') {
    throw invalidRequest(
      `The currency provided (${currency}) is invalid for one or more payment method types on this Checkout Session: sepa_debit supports eur only.`,
      'payment_method_types',
    );
  }
  const total = items.reduce(
    (sum, item) => sum + (item.price_data?.unit_amount ?? 0) * (item.quantity ?? 0),
    0,
  );
  const minimum = minimumCharge(currency);
  if (minimum !== undefined && total < minimum) {
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least ${minimum} in the smallest unit of ${currency}.`,
      'line_items',
      'amount_too_small',
    );
  }
}

// Shipping options and post-payment invoices exist for one-time payments only
// (docs.stripe.com/payments/checkout/shipping, docs.stripe.com/payments/checkout/post-payment-invoices).
function checkPaymentModeOnly(params: SessionCreateParams, mode: string): void {
  if (mode === 'payment') return;
  if (params.shipping_options !== undefined) {
    throw invalidRequest(
      '`shipping_options` can only be used in `payment` mode.',
      'shipping_options',
    );
  }
  if (params.invoice_creation !== undefined) {
    throw invalidRequest(
      '`invoice_creation` can only be used in `payment` mode.',
      'invoice_creation',
    );
  }
}

function checkUrlsAndCustomer(params: SessionCreateParams, now: number): void {
  for (const param of ['success_url', 'cancel_url'] as const) {
    const url = params[param];
    if (url !== undefined && !isHttpUrl(url))
      throw invalidRequest('Not a valid URL', param, 'url_invalid');
  }
  if (params.customer && params.customer_email) {
    throw invalidRequest(
      'You may only specify one of these parameters: customer, customer_email.',
      'customer_email',
    );
  }
  if (
    params.customer_email !== undefined &&
    !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(params.customer_email)
  ) {
    throw invalidRequest(
      'Invalid email address: ' + params.customer_email,
      'customer_email',
      'email_invalid',
    );
  }
  if (params.expires_at !== undefined) checkExpiresAt(params.expires_at, now);
}

function checkLineItem(item: LineItemParams, index: number): void {
  const path = `line_items[${index}]`;
  if (item.price !== undefined && item.price_data !== undefined) {
    throw invalidRequest(
      `You may only specify one of these parameters: price, price_data.`,
      `${path}[price]`,
    );
  }
  if (item.price_data === undefined) {
    throw invalidRequest(
      `You must specify either \`price\` or \`price_data\` in ${path}.`,
      path,
      'parameter_missing',
    );
  }
  if (item.price_data.product === undefined && item.price_data.product_data === undefined) {
    throw missingParameter(`${path}[price_data][product_data]`);
  }
  if (item.price_data.unit_amount === undefined)
    throw missingParameter(`${path}[price_data][unit_amount]`);
  if (item.quantity === undefined) throw missingParameter(`${path}[quantity]`);
}

// Stripe: expires_at must be 30 minutes to 24 hours after the session is created.
function checkExpiresAt(expiresAt: number, now: number): void {
  if (expiresAt < now + 30 * 60) {
    throw invalidRequest(
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      'expires_at',
    );
  }
  if (expiresAt > now + 24 * 60 * 60) {
    throw invalidRequest(
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      'expires_at',
    );
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
