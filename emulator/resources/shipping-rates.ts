// Shipping rates (docs.stripe.com/api/shipping_rates): create, retrieve, list, update. Only the
// `fixed_amount` type exists. A Checkout Session names them in `shipping_options[][shipping_rate]`,
// or creates one from `shipping_options[][shipping_rate_data]` (checkout-shipping.ts). Stripe
// sends no events for shipping rates.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import {
  boolean,
  integer,
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
import { mergedMetadata } from './metadata-update';

const TAX_BEHAVIORS = ['exclusive', 'inclusive', 'unspecified'] as const;
const UNITS = ['business_day', 'day', 'hour', 'month', 'week'] as const;

const estimateBound = object({ unit: string({ oneOf: UNITS }), value: integer({ min: 1 }) }, [
  'unit',
  'value',
]);

/** The fields of POST /v1/shipping_rates, also accepted as `shipping_rate_data` on a session. */
export const shippingRateDataRules: Record<string, Rule> = {
  display_name: string({ maxLength: 100 }),
  delivery_estimate: object({ minimum: estimateBound, maximum: estimateBound }),
  fixed_amount: object({ amount: integer({ min: 0 }), currency: string() }, ['amount', 'currency']),
  metadata: metadata(),
  tax_behavior: string({ oneOf: TAX_BEHAVIORS }),
  tax_code: string(),
  type: string({ oneOf: ['fixed_amount'] }),
};

export type ShippingRateData = Omit<Stripe.ShippingRateCreateParams, 'expand'>;

export function shippingRateRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/shipping_rates$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/shipping_rates$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/shipping_rates\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findShippingRate(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/shipping_rates\/([^/]+)$/,
      handle: (call) => update(ctx, call),
    },
  ];
}

export function findShippingRate(
  ctx: EmulatorContext,
  id: string,
  param = 'shipping_rate',
): Stripe.ShippingRate {
  const rate = ctx.state.shippingRates.get(id);
  if (!rate) throw resourceMissing('shipping_rate', id, param);
  return rate;
}

/** Checks what the parameter rules cannot: a fixed_amount is required, and the currency is known. */
export function checkShippingRateData(data: ShippingRateData, path = ''): void {
  const at = (field: string): string => (path ? `${path}[${field}]` : field);
  if (data.display_name === undefined) {
    throw invalidRequest(`Missing required param: ${at('display_name')}.`, at('display_name'));
  }
  if (!data.fixed_amount) {
    throw invalidRequest(
      'A `fixed_amount` is required for shipping rates of type `fixed_amount`.',
      at('fixed_amount'),
    );
  }
  if (!/^[a-z]{3}$/i.test(data.fixed_amount.currency)) {
    throw invalidRequest(
      `Invalid currency: ${data.fixed_amount.currency}.`,
      `${at('fixed_amount')}[currency]`,
    );
  }
}

export function newShippingRate(ctx: EmulatorContext, data: ShippingRateData): Stripe.ShippingRate {
  checkShippingRateData(data);
  const estimate = data.delivery_estimate;
  const rate: Stripe.ShippingRate = {
    id: newId('shr', 24),
    object: 'shipping_rate',
    active: true,
    created: ctx.clock.now(),
    delivery_estimate: estimate
      ? { minimum: estimate.minimum ?? null, maximum: estimate.maximum ?? null }
      : null,
    display_name: data.display_name,
    fixed_amount: {
      amount: data.fixed_amount?.amount ?? 0,
      currency: (data.fixed_amount?.currency ?? 'usd').toLowerCase(),
    },
    livemode: false,
    metadata: (data.metadata ?? {}) as Stripe.Metadata,
    tax_behavior: data.tax_behavior ?? null,
    tax_code: data.tax_code ?? null,
    type: 'fixed_amount',
  };
  ctx.state.shippingRates.set(rate.id, rate);
  ctx.changed();
  return rate;
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.ShippingRate {
  const params = parseParams<Stripe.ShippingRateCreateParams>(shippingRateDataRules, call.params, [
    'display_name',
  ]);
  const { expand: paths, ...data } = params;
  return expand(ctx.state, newShippingRate(ctx, data), paths);
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.ShippingRate {
  const params = parseParams<{
    active?: boolean;
    metadata?: Record<string, string>;
    tax_behavior?: Stripe.ShippingRate.TaxBehavior;
    expand?: string[];
  }>(
    {
      active: boolean(),
      metadata: metadata(),
      tax_behavior: string({ oneOf: TAX_BEHAVIORS }),
    },
    call.params,
  );
  const rate = findShippingRate(ctx, idAt(call), 'id');
  // Stripe lets an unspecified tax behaviour be set once, never changed after (UNCONFIRMED wording).
  if (
    params.tax_behavior !== undefined &&
    rate.tax_behavior !== null &&
    rate.tax_behavior !== 'unspecified' &&
    rate.tax_behavior !== params.tax_behavior
  ) {
    throw invalidRequest(
      'The tax_behavior of a shipping rate cannot be changed once it is set to inclusive or exclusive.',
      'tax_behavior',
    );
  }
  rate.active = params.active ?? rate.active;
  rate.tax_behavior = params.tax_behavior ?? rate.tax_behavior;
  rate.metadata = mergedMetadata(rate.metadata, params.metadata, call.params.metadata);
  ctx.changed();
  return expand(ctx.state, rate, params.expand);
}

interface ShippingRateListParams extends ListParams {
  active?: boolean;
  currency?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.ShippingRate> {
  const params = parseParams<ShippingRateListParams>(
    { ...listRules, active: boolean(), currency: string(), created: range() },
    call.params,
  );
  const rates = newestFirst(ctx.state.shippingRates.values(), (rate) => {
    if (params.active !== undefined && rate.active !== params.active) return false;
    if (
      params.currency !== undefined &&
      rate.fixed_amount?.currency !== params.currency.toLowerCase()
    )
      return false;
    return inRange(rate.created, params.created);
  });
  return expand(ctx.state, paginate(rates, params, call.path, 'shipping_rate'), params.expand);
}
