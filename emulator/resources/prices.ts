// Prices (docs.stripe.com/api/prices): create (for a product, or with product_data), retrieve,
// update, list. Per-unit amounts only: one-time, or recurring by day, week, month or year. Checkout
// line items (`price`), subscriptions (`items[][price]`) and invoice items use them.
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
} from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { previousAttributes, snapshot } from '../previous-attributes';
import { mergedMetadata } from './metadata-update';
import { findProduct, newProduct } from './products';

type Interval = Stripe.Price.Recurring.Interval;

interface PriceParams {
  currency: string;
  product?: string;
  product_data?: { name: string; metadata?: Record<string, string> };
  unit_amount?: number;
  recurring?: { interval: Interval; interval_count?: number };
  active?: boolean;
  metadata?: Record<string, string>;
  nickname?: string;
  lookup_key?: string;
  tax_behavior?: Stripe.Price.TaxBehavior;
  expand?: string[];
}

export function priceRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/prices$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/prices$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/prices\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findPrice(ctx, idAt(call)), paths);
      },
    },
    { method: 'POST', pattern: /^\/v1\/prices\/([^/]+)$/, handle: (call) => update(ctx, call) },
  ];
}

export function findPrice(ctx: EmulatorContext, id: string, param = 'id'): Stripe.Price {
  const price = ctx.state.prices.get(id);
  if (!price) throw resourceMissing('price', id, param);
  return price;
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Price {
  const params = parseParams<PriceParams>(
    {
      currency: string(),
      product: string(),
      product_data: object({ name: string({ maxLength: 5000 }), metadata: metadata() }, ['name']),
      unit_amount: integer({ min: 0, max: 99999999 }),
      recurring: object(
        {
          interval: string({ oneOf: ['day', 'week', 'month', 'year'] }),
          interval_count: integer({ min: 1 }),
          usage_type: string({ oneOf: ['licensed'] }),
        },
        ['interval'],
      ),
      active: boolean(),
      metadata: metadata(),
      nickname: string({ maxLength: 5000 }),
      lookup_key: string({ maxLength: 200 }),
      tax_behavior: string({ oneOf: ['exclusive', 'inclusive', 'unspecified'] }),
    },
    call.params,
    ['currency'],
  );
  if (params.product !== undefined && params.product_data !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: product, product_data.',
      'product_data',
    );
  }
  if (params.product === undefined && params.product_data === undefined) {
    throw invalidRequest(
      'You must specify either `product` or `product_data` when creating a price.',
      'product',
      'parameter_missing',
    );
  }
  if (params.unit_amount === undefined)
    throw invalidRequest(
      'Missing required param: unit_amount.',
      'unit_amount',
      'parameter_missing',
    );
  const product =
    params.product !== undefined
      ? findProduct(ctx, params.product, 'product').id
      : // product_data creates the product first, as Stripe does (product.created, price.created).
        newProduct(ctx, params.product_data!, call.origin).id;
  const price = priceObject({
    active: params.active ?? true,
    created: ctx.clock.now(),
    currency: params.currency,
    unitAmount: params.unit_amount,
    product,
    recurring: params.recurring,
    metadata: params.metadata,
    nickname: params.nickname,
    lookupKey: params.lookup_key,
    taxBehavior: params.tax_behavior,
  });
  ctx.state.prices.set(price.id, price);
  ctx.emit('price.created', price, call.origin);
  return expand(ctx.state, price, params.expand);
}

export interface PriceSpec {
  active: boolean;
  created: number;
  currency: string;
  unitAmount: number;
  product: string;
  recurring?: { interval: Interval; interval_count?: number };
  metadata?: Record<string, string>;
  nickname?: string;
  lookupKey?: string;
  taxBehavior?: Stripe.Price.TaxBehavior;
}

/** The Price object, catalogue or inline (a Checkout line item's price_data). */
export function priceObject(spec: PriceSpec): Stripe.Price {
  return {
    id: newId('price', 24),
    object: 'price',
    active: spec.active,
    billing_scheme: 'per_unit',
    created: spec.created,
    currency: spec.currency.toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: spec.lookupKey ?? null,
    metadata: spec.metadata ?? {},
    nickname: spec.nickname ?? null,
    product: spec.product,
    recurring: spec.recurring
      ? {
          interval: spec.recurring.interval,
          interval_count: spec.recurring.interval_count ?? 1,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: spec.taxBehavior ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: spec.recurring ? 'recurring' : 'one_time',
    unit_amount: spec.unitAmount,
    // On the wire Stripe sends the decimal as a string, e.g. "2000".
    unit_amount_decimal: String(spec.unitAmount) as unknown as Stripe.Price['unit_amount_decimal'],
  };
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.Price {
  const params = parseParams<Partial<PriceParams>>(
    {
      active: boolean(),
      metadata: metadata(),
      nickname: string({ maxLength: 5000 }),
      lookup_key: string({ maxLength: 200 }),
    },
    call.params,
  );
  const price = findPrice(ctx, idAt(call));
  const before = snapshot(price);
  price.active = params.active ?? price.active;
  price.nickname = params.nickname ?? price.nickname;
  price.lookup_key = params.lookup_key ?? price.lookup_key;
  price.metadata = mergedMetadata(price.metadata, params.metadata, call.params.metadata);
  ctx.emit('price.updated', price, call.origin, previousAttributes(before, price));
  return expand(ctx.state, price, params.expand);
}

interface PriceListParams extends ListParams {
  active?: boolean;
  product?: string;
  type?: Stripe.Price.Type;
  currency?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Price> {
  const params = parseParams<PriceListParams>(
    {
      ...listRules,
      active: boolean(),
      product: string(),
      type: string({ oneOf: ['one_time', 'recurring'] }),
      currency: string(),
      created: range(),
    },
    call.params,
  );
  const prices = newestFirst(ctx.state.prices.values(), (price) => {
    if (params.active !== undefined && price.active !== params.active) return false;
    if (params.product !== undefined && price.product !== params.product) return false;
    if (params.type !== undefined && price.type !== params.type) return false;
    if (params.currency !== undefined && price.currency !== params.currency.toLowerCase())
      return false;
    return inRange(price.created, params.created);
  });
  return expand(ctx.state, paginate(prices, params, call.path, 'price'), params.expand);
}
