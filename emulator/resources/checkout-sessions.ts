import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import type { SessionRecord } from '../state';
import { buildLineItem, taxCodeOf, withCataloguePrices } from './checkout-line-items';
import { checkCustomerUpdate, shippingRatesFor } from './checkout-session-options';
import { checkSessionCreate, sessionCreateRules } from './checkout-session-params';
import { applyTotals, emptyBreakdown } from './checkout-totals';
import type { SessionCreateParams } from './checkout-session-types';
import { findLiveCustomer } from './customer-records';
import { shippingOf } from './shipping';

const DAY = 24 * 60 * 60;

export function checkoutSessionRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/checkout\/sessions$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findSession(ctx, idAt(call)).session, paths);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
      handle: (call) => {
        const params = parseParams<ListParams & { expand?: string[] }>(listRules, call.params);
        const record = findSession(ctx, idAt(call));
        return expand(
          ctx.state,
          paginate(record.lineItems, params, call.path, 'line_item'),
          params.expand,
        );
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const record = findSession(ctx, idAt(call));
        if (record.session.status !== 'open') {
          throw invalidRequest(
            `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${record.session.status}".`,
          );
        }
        expireSession(ctx, record, call.origin);
        return expand(ctx.state, record.session, paths);
      },
    },
  ];
}

export function findSession(ctx: EmulatorContext, id: string): SessionRecord {
  const record = ctx.state.sessions.get(id);
  if (!record) throw resourceMissing('checkout.session', id);
  return record;
}

export function expireSession(
  ctx: EmulatorContext,
  record: SessionRecord,
  origin = undefined as ApiCall['origin'] | undefined,
): void {
  record.session.status = 'expired';
  record.session.url = null;
  record.pendingChallenge = null;
  ctx.emit('checkout.session.expired', record.session, origin);
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Checkout.Session {
  const params = parseParams<SessionCreateParams>(sessionCreateRules, call.params);
  params.line_items = withCataloguePrices(ctx, params.line_items);
  // A session lives in real time even for a customer on a test clock: the store computes
  // expires_at from its own real clock, and the customer pays in real time.
  const now = ctx.clock.accountNow();
  checkSessionCreate(params, now);
  const id = newId('cs_test', 58);
  const customer =
    params.customer === undefined ? null : findLiveCustomer(ctx, params.customer, 'customer');
  checkCustomerUpdate(params, customer);
  const mode = params.mode ?? 'payment';
  const lineItems = (params.line_items ?? []).map((item) => buildLineItem(item, now));
  const currency = lineItems[0]?.currency ?? params.currency?.toLowerCase() ?? null;
  const shippingRates = shippingRatesFor(ctx, params.shipping_options, currency ?? 'usd');
  const invoiceData = params.invoice_creation?.invoice_data;
  const amount =
    mode === 'setup' ? null : lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  const piData = params.payment_intent_data ?? {};
  const createdData = params.subscription_data ?? params.setup_intent_data ?? {};
  const saveOptions = params.saved_payment_method_options;
  const session: Stripe.Checkout.Session = {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: params.allow_promotion_codes ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: amount,
    amount_total: amount,
    automatic_tax: params.automatic_tax?.enabled
      ? {
          enabled: true,
          liability: {
            account: params.automatic_tax.liability?.account,
            type: params.automatic_tax.liability?.type ?? 'self',
          },
          // UNCONFIRMED: the provider Stripe names for its own tax engine.
          provider: 'stripe',
          status: 'requires_location_inputs',
        }
      : { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: params.billing_address_collection ?? null,
    cancel_url: params.cancel_url ?? null,
    client_reference_id: params.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: customer?.id ?? null,
    customer_account: null,
    customer_creation:
      customer || mode === 'subscription' ? null : (params.customer_creation ?? 'if_required'),
    customer_details: null,
    customer_email: params.customer_email ?? null,
    discounts: [],
    expires_at: params.expires_at ?? now + DAY,
    integration_identifier: null,
    invoice: null,
    // Payment mode echoes invoice_creation even when it was not asked for (docs.stripe.com/api/checkout/sessions/create).
    invoice_creation:
      mode === 'payment'
        ? {
            enabled: params.invoice_creation?.enabled ?? false,
            invoice_data: {
              account_tax_ids: invoiceData?.account_tax_ids ?? null,
              custom_fields: invoiceData?.custom_fields ?? null,
              description: invoiceData?.description ?? null,
              footer: invoiceData?.footer ?? null,
              issuer: invoiceData?.issuer ?? null,
              metadata: invoiceData?.metadata ?? {},
              rendering_options: invoiceData?.rendering_options
                ? {
                    amount_tax_display: invoiceData.rendering_options.amount_tax_display ?? null,
                    template: invoiceData.rendering_options.template ?? null,
                  }
                : null,
            },
          }
        : null,
    livemode: false,
    locale: (params.locale as Stripe.Checkout.Session.Locale | undefined) ?? null,
    managed_payments: null,
    metadata: params.metadata ?? {},
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: params.payment_method_types ?? ['card'],
    payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: params.phone_number_collection?.enabled ?? false },
    recovered_from: null,
    // With a customer, Checkout offers the saved cards whose allow_redisplay passes the filters.
    saved_payment_method_options: customer
      ? {
          allow_redisplay_filters: saveOptions?.allow_redisplay_filters ?? ['always'],
          payment_method_remove: saveOptions?.payment_method_remove ?? null,
          payment_method_save: saveOptions?.payment_method_save ?? null,
        }
      : null,
    setup_intent: null,
    shipping_address_collection: params.shipping_address_collection
      ? {
          allowed_countries: params.shipping_address_collection
            .allowed_countries as Stripe.Checkout.Session.ShippingAddressCollection.AllowedCountry[],
        }
      : null,
    shipping_cost: null,
    shipping_options: shippingRates.map((rate) => ({
      shipping_amount: rate.fixed_amount?.amount ?? 0,
      shipping_rate: rate.id,
    })),
    status: 'open',
    submit_type: params.submit_type ?? null,
    subscription: null,
    success_url: params.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    tax_id_collection: {
      enabled: params.tax_id_collection?.enabled ?? false,
      required: params.tax_id_collection?.required ?? 'never',
    },
    ui_mode: 'hosted_page',
    url: `${ctx.baseUrl}/c/pay/${id}`,
    wallet_options: null,
  };
  const record: SessionRecord = {
    session,
    lineItems,
    paymentIntentSettings: {
      captureMethod: piData.capture_method ?? 'automatic',
      metadata: piData.metadata ?? {},
      statementDescriptorSuffix: piData.statement_descriptor_suffix ?? null,
      receiptEmail: piData.receipt_email ?? null,
      description: piData.description ?? null,
      shipping: shippingOf(piData.shipping),
    },
    pendingChallenge: null,
    createdObjectSettings: {
      metadata: createdData.metadata ?? {},
      description: createdData.description ?? null,
    },
    checkout: {
      customerUpdate: params.customer_update ?? {},
      taxCodes: (params.line_items ?? []).map((item) => taxCodeOf(ctx, item)),
      choices: {
        // Checkout's page preselects the first shipping option (docs.stripe.com/payments/checkout/shipping).
        shippingRate: shippingRates[0]?.id ?? null,
        promotionCode: null,
        shippingName: null,
        shippingAddress: null,
        billingAddress: null,
        taxIds: [],
      },
      breakdown: emptyBreakdown(),
    },
  };
  ctx.state.sessions.set(id, record);
  applyTotals(ctx, record, null);
  ctx.changed();
  return expand(ctx.state, session, params.expand);
}

interface SessionListParams extends ListParams {
  payment_intent?: string;
  status?: Stripe.Checkout.Session.Status;
  customer?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Checkout.Session> {
  const params = parseParams<SessionListParams>(
    {
      ...listRules,
      payment_intent: string(),
      status: string({ oneOf: ['open', 'complete', 'expired'] }),
      customer: string(),
      created: range(),
    },
    call.params,
  );
  const sessions = newestFirst(ctx.state.sessions.values(), ({ session }) => {
    if (params.payment_intent !== undefined && session.payment_intent !== params.payment_intent)
      return false;
    if (params.status !== undefined && session.status !== params.status) return false;
    if (params.customer !== undefined && session.customer !== params.customer) return false;
    return inRange(session.created, params.created);
  }).map((record) => record.session);
  return expand(
    ctx.state,
    paginate(sessions, params, call.path, 'checkout.session'),
    params.expand,
  );
}
