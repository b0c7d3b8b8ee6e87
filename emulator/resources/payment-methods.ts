// Card PaymentMethods: created for every card typed on the hosted page (as Checkout does), attached
// to a Customer when the card is saved, and listed, retrieved, attached and detached over the API.
import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { parseParams, string } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { brandOf, TEST_PAYMENT_METHODS } from '../payments/test-cards';
import type { CardUsed } from './charges';
import { clearDefaultPaymentMethod, findLiveCustomer } from './customer-records';

export function paymentMethodRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/payment_methods$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_methods\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findPaymentMethod(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_methods\/([^/]+)\/attach$/,
      handle: (call) => {
        const params = parseParams<{ customer: string; expand?: string[] }>(
          { customer: string() },
          call.params,
          ['customer'],
        );
        const customer = findLiveCustomer(ctx, params.customer, 'customer');
        const method = resolvePaymentMethod(ctx, idAt(call));
        attachPaymentMethod(ctx, method, customer.id, call.origin);
        return expand(ctx.state, method, params.expand);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/payment_methods\/([^/]+)\/detach$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const method = findPaymentMethod(ctx, idAt(call));
        if (method.customer === null) {
          throw invalidRequest(
            `The payment method you provided is not attached to a customer so detachment is impossible.`,
            undefined,
            'payment_method_unexpected_state',
          );
        }
        detachPaymentMethod(ctx, method, call.origin);
        return expand(ctx.state, method, paths);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/([^/]+)\/payment_methods$/,
      handle: (call) => listForCustomer(ctx, call, idAt(call)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/([^/]+)\/payment_methods\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const customer = findLiveCustomer(ctx, idAt(call));
        const method = ctx.state.paymentMethods.get(idAt(call, 1));
        if (!method || method.customer !== customer.id)
          throw resourceMissing('payment_method', idAt(call, 1));
        return expand(ctx.state, method, paths);
      },
    },
  ];
}

export function findPaymentMethod(
  ctx: EmulatorContext,
  id: string,
  param = 'id',
): Stripe.PaymentMethod {
  const method = ctx.state.paymentMethods.get(id);
  if (!method) throw resourceMissing('payment_method', id, param);
  return method;
}

/** Refuses, as Stripe does, a payment method that is not attached to the customer named. */
export function requireAttached(
  ctx: EmulatorContext,
  paymentMethodId: string,
  customerId: string,
  param: string,
): void {
  if (ctx.state.paymentMethods.get(paymentMethodId)?.customer !== customerId)
    throw notAttached(paymentMethodId, param);
}

export function notAttached(paymentMethodId: string, param: string): Error {
  return invalidRequest(
    `The customer does not have a payment method with the ID ${paymentMethodId}. The payment method must be attached to the customer.`,
    param,
    'resource_missing',
  );
}

/** A stored PaymentMethod, or a fresh one for Stripe's test ids (`pm_card_visa`...), as Stripe does. */
export function resolvePaymentMethod(
  ctx: EmulatorContext,
  id: string,
  param = 'id',
): Stripe.PaymentMethod {
  const testCard = TEST_PAYMENT_METHODS[id];
  if (testCard === undefined) return findPaymentMethod(ctx, id, param);
  return newCardPaymentMethod(ctx, {
    number: testCard,
    expMonth: 12,
    expYear: new Date(ctx.clock.now() * 1000).getUTCFullYear() + 3,
    name: '',
    email: '',
  });
}

export function cardNumberOf(ctx: EmulatorContext, paymentMethodId: string): string {
  return ctx.state.paymentMethodCards.get(paymentMethodId) ?? '4242424242424242';
}

export function newCardPaymentMethod(ctx: EmulatorContext, card: CardUsed): Stripe.PaymentMethod {
  const brand = brandOf(card.number);
  const method: Stripe.PaymentMethod = {
    id: newId('pm', 24),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: null,
      email: card.email || null,
      name: card.name || null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      // Stripe's fingerprint is the same for every PaymentMethod made from one card number.
      fingerprint: createHash('sha256').update(card.number).digest('base64url').slice(0, 16),
      funding: 'credit',
      generated_from: null,
      last4: card.number.slice(-4),
      networks: { available: [brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: ctx.clock.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  ctx.state.paymentMethods.set(method.id, method);
  ctx.state.paymentMethodCards.set(method.id, card.number);
  return method;
}

export function attachPaymentMethod(
  ctx: EmulatorContext,
  method: Stripe.PaymentMethod,
  customerId: string,
  origin?: RequestOrigin,
  allowRedisplay?: Stripe.PaymentMethod.AllowRedisplay,
): void {
  if (method.customer === customerId) return;
  if (method.customer !== null) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      undefined,
      'payment_method_unexpected_state',
    );
  }
  method.customer = customerId;
  if (allowRedisplay) method.allow_redisplay = allowRedisplay;
  ctx.emit('payment_method.attached', method, origin);
}

export function detachPaymentMethod(
  ctx: EmulatorContext,
  method: Stripe.PaymentMethod,
  origin?: RequestOrigin,
): void {
  const customerId = typeof method.customer === 'string' ? method.customer : null;
  method.customer = null;
  ctx.emit('payment_method.detached', method, origin, { customer: customerId });
  if (customerId) clearDefaultPaymentMethod(ctx, customerId, method.id, origin);
}

/** A customer's saved cards, newest first, as the hosted page offers them. */
export function savedCards(
  ctx: EmulatorContext,
  customerId: string,
  redisplay: readonly string[] = ['always'],
): Stripe.PaymentMethod[] {
  return newestFirst(
    ctx.state.paymentMethods.values(),
    (method) =>
      method.customer === customerId &&
      method.type === 'card' &&
      redisplay.includes(method.allow_redisplay ?? 'unspecified'),
  );
}

interface PaymentMethodListParams extends ListParams {
  customer?: string;
  type?: string;
  allow_redisplay?: string;
  expand?: string[];
}

const listFilters = {
  ...listRules,
  type: string(),
  allow_redisplay: string({ oneOf: ['always', 'limited', 'unspecified'] }),
};

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.PaymentMethod> {
  const params = parseParams<PaymentMethodListParams>(
    { ...listFilters, customer: string() },
    call.params,
  );
  if (params.customer !== undefined) findLiveCustomer(ctx, params.customer, 'customer');
  return filtered(ctx, call, params);
}

function listForCustomer(
  ctx: EmulatorContext,
  call: ApiCall,
  customerId: string,
): Stripe.ApiList<Stripe.PaymentMethod> {
  const params = parseParams<PaymentMethodListParams>(listFilters, call.params);
  findLiveCustomer(ctx, customerId);
  return filtered(ctx, call, { ...params, customer: customerId });
}

function filtered(
  ctx: EmulatorContext,
  call: ApiCall,
  params: PaymentMethodListParams,
): Stripe.ApiList<Stripe.PaymentMethod> {
  const methods = newestFirst(ctx.state.paymentMethods.values(), (method) => {
    // Without `customer` Stripe lists PaymentMethods that belong to no customer (for Treasury);
    // Shopfront never asks for those, so the emulator answers an empty list.
    if (params.customer === undefined || method.customer !== params.customer) return false;
    if (params.type !== undefined && method.type !== params.type) return false;
    if (params.allow_redisplay !== undefined && method.allow_redisplay !== params.allow_redisplay)
      return false;
    return true;
  });
  return expand(ctx.state, paginate(methods, params, call.path, 'payment_method'), params.expand);
}
