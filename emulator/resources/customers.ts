// Customers: create, retrieve (a deleted one answers `{ id, object, deleted: true }`), update
// (including `invoice_settings.default_payment_method`), list by email, delete.
import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import {
  array,
  metadata,
  object,
  parseParams,
  range,
  string,
  type RangeFilter,
  type Rule,
} from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { snapshot } from '../previous-attributes';
import { emitUpdated, findLiveCustomer } from './customer-records';
import { mergedMetadata } from './metadata-update';
import { addressRule, fullAddress } from './shipping';
import {
  attachPaymentMethod,
  notAttached,
  requireAttached,
  resolvePaymentMethod,
} from './payment-methods';
import { atCustomerTime, findTestClock } from '../billing/customer-time';
import { cancelSubscriptionNow } from '../billing/subscription-lifecycle';

const DEFAULT_METHOD = 'invoice_settings[default_payment_method]';

const customerRules: Record<string, Rule> = {
  address: addressRule,
  description: string({ maxLength: 350 }),
  email: string({ maxLength: 512 }),
  invoice_settings: object({ default_payment_method: string(), footer: string() }),
  metadata: metadata(),
  name: string({ maxLength: 256 }),
  phone: string({ maxLength: 20 }),
  preferred_locales: array(string()),
};

interface CustomerParams {
  address?: Stripe.Address;
  description?: string;
  email?: string;
  invoice_settings?: { default_payment_method?: string; footer?: string };
  metadata?: Record<string, string>;
  name?: string;
  phone?: string;
  preferred_locales?: string[];
  payment_method?: string;
  test_clock?: string;
  expand?: string[];
}

export function customerRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/customers$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/customers$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const customer = ctx.state.customers.get(idAt(call));
        if (!customer) throw resourceMissing('customer', idAt(call));
        return customer.deleted ? customer : expand(ctx.state, customer, paths);
      },
    },
    { method: 'POST', pattern: /^\/v1\/customers\/([^/]+)$/, handle: (call) => update(ctx, call) },
    {
      method: 'DELETE',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle: (call) => {
        parseParams({}, call.params);
        const customer = findLiveCustomer(ctx, idAt(call));
        return atCustomerTime(ctx, customer, () => deleteCustomer(ctx, customer, call.origin));
      },
    },
  ];
}

/** A customer that exists and is not deleted; Stripe answers 404 for a deleted one. */

export interface NewCustomer {
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  address?: Stripe.Address | null;
  metadata?: Record<string, string>;
  preferredLocales?: string[];
  /** A customer created on a test clock lives at its frozen_time from the start. */
  testClock?: Stripe.TestHelpers.TestClock;
}

export function newCustomer(
  ctx: EmulatorContext,
  spec: NewCustomer,
  origin?: RequestOrigin,
): Stripe.Customer {
  const customer: Stripe.Customer = {
    id: newId('cus', 14),
    object: 'customer',
    address: spec.address ?? null,
    balance: 0,
    created: spec.testClock?.frozen_time ?? ctx.clock.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: spec.description ?? null,
    discount: null,
    email: spec.email ?? null,
    invoice_prefix: newId('x', 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: spec.metadata ?? {},
    name: spec.name ?? null,
    next_invoice_sequence: 1,
    phone: spec.phone ?? null,
    preferred_locales: spec.preferredLocales ?? [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: spec.testClock?.id ?? null,
  };
  ctx.state.customers.set(customer.id, customer);
  ctx.emit('customer.created', customer, origin);
  return customer;
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Customer {
  const params = parseParams<CustomerParams>(
    { ...customerRules, payment_method: string(), test_clock: string() },
    call.params,
  );
  checkEmail(params.email);
  const testClock =
    params.test_clock === undefined
      ? undefined
      : findTestClock(ctx, params.test_clock, 'test_clock');
  // Check the payment method before anything is created, so a bad id creates no customer.
  const method =
    params.payment_method === undefined
      ? undefined
      : resolvePaymentMethod(ctx, params.payment_method, 'payment_method');
  const wanted = params.invoice_settings?.default_payment_method;
  // On create, the default can only be the payment_method attached in the same request.
  if (wanted !== undefined && wanted !== params.payment_method)
    throw notAttached(wanted, DEFAULT_METHOD);
  const customer = newCustomer(
    ctx,
    {
      email: params.email,
      name: params.name,
      description: params.description,
      phone: params.phone,
      address: params.address === undefined ? null : fullAddress(params.address),
      metadata: params.metadata,
      preferredLocales: params.preferred_locales,
      testClock,
    },
    call.origin,
  );
  customer.invoice_settings.footer = params.invoice_settings?.footer ?? null;
  if (method) {
    attachPaymentMethod(ctx, method, customer.id, call.origin);
    if (wanted !== undefined) customer.invoice_settings.default_payment_method = method.id;
  }
  return expand(ctx.state, customer, params.expand);
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.Customer {
  const params = parseParams<CustomerParams>(customerRules, call.params);
  checkEmail(params.email);
  const customer = findLiveCustomer(ctx, idAt(call));
  const before = snapshot(customer);
  const rawSettings = call.params.invoice_settings;
  const rawDefault =
    typeof rawSettings === 'object' && !Array.isArray(rawSettings)
      ? rawSettings.default_payment_method
      : undefined;
  const wanted = params.invoice_settings?.default_payment_method;
  if (wanted !== undefined) requireAttached(ctx, wanted, customer.id, DEFAULT_METHOD);
  const settings = customer.invoice_settings;
  const next: Partial<Stripe.Customer> = {
    address: params.address !== undefined ? fullAddress(params.address) : customer.address,
    description: params.description ?? customer.description,
    email: params.email ?? customer.email,
    name: params.name ?? customer.name,
    phone: params.phone ?? customer.phone,
    preferred_locales: params.preferred_locales ?? customer.preferred_locales,
    metadata: mergedMetadata(customer.metadata, params.metadata, call.params.metadata),
    invoice_settings: {
      ...settings,
      // `invoice_settings[default_payment_method]=` (empty) unsets the default.
      default_payment_method:
        rawDefault === '' ? null : (wanted ?? settings.default_payment_method),
      footer: params.invoice_settings?.footer ?? settings.footer,
    },
  };
  Object.assign(customer, next);
  emitUpdated(ctx, customer, before, call.origin);
  return expand(ctx.state, customer, params.expand);
}

/** `customer.updated` with Stripe's `previous_attributes`: the old values of what changed. */

// Deleting a customer cancels its subscriptions at once (docs.stripe.com/api/customers/delete).
// Its PaymentMethods are left as they are, without payment_method.detached events (UNCONFIRMED).
export function deleteCustomer(
  ctx: EmulatorContext,
  customer: Stripe.Customer,
  origin: RequestOrigin,
): Stripe.DeletedCustomer {
  for (const subscription of ctx.state.subscriptions.values()) {
    if (subscription.customer === customer.id && subscription.status !== 'canceled')
      cancelSubscriptionNow(ctx, subscription, origin);
  }
  const deleted: Stripe.DeletedCustomer = { id: customer.id, object: 'customer', deleted: true };
  ctx.state.customers.set(customer.id, deleted);
  ctx.emit('customer.deleted', customer, origin);
  return deleted;
}

interface CustomerListParams extends ListParams {
  email?: string;
  test_clock?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Customer> {
  const params = parseParams<CustomerListParams>(
    { ...listRules, email: string({ maxLength: 512 }), created: range(), test_clock: string() },
    call.params,
  );
  const customers = newestFirst(ctx.state.customers.values(), (customer) => {
    if (customer.deleted) return false;
    // Stripe lists a test clock's customers only when asked for that clock.
    if ((customer.test_clock ?? undefined) !== params.test_clock) return false;
    // Stripe matches `email` exactly, case-sensitively.
    if (params.email !== undefined && customer.email !== params.email) return false;
    return inRange(customer.created, params.created);
  }) as Stripe.Customer[];
  return expand(ctx.state, paginate(customers, params, call.path, 'customer'), params.expand);
}

function checkEmail(email: string | undefined): void {
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw invalidRequest(`Invalid email address: ${email}`, 'email', 'email_invalid');
  }
}
