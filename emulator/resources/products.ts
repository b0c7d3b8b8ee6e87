// Products (docs.stripe.com/api/products): create, retrieve, update, list. Shopfront keeps its
// catalogue in its own database and sends price_data; the catalogue is here for Stripe's own
// tools (the CLI's `stripe trigger` fixtures create a product, then a price, then use it).
import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import {
  array,
  boolean,
  metadata,
  parseParams,
  range,
  string,
  type RangeFilter,
  type Rule,
} from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { previousAttributes, snapshot } from '../previous-attributes';
import { mergedMetadata } from './metadata-update';

const productRules: Record<string, Rule> = {
  active: boolean(),
  description: string({ maxLength: 40000 }),
  images: array(string({ maxLength: 2048 }), 8),
  metadata: metadata(),
  name: string({ maxLength: 5000 }),
  shippable: boolean(),
  statement_descriptor: string({ maxLength: 22 }),
  unit_label: string({ maxLength: 12 }),
  url: string({ maxLength: 5000 }),
};

interface ProductParams {
  id?: string;
  active?: boolean;
  description?: string;
  images?: string[];
  metadata?: Record<string, string>;
  name?: string;
  shippable?: boolean;
  statement_descriptor?: string;
  unit_label?: string;
  url?: string;
  expand?: string[];
}

export function productRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/products$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/products$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/products\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findProduct(ctx, idAt(call)), paths);
      },
    },
    { method: 'POST', pattern: /^\/v1\/products\/([^/]+)$/, handle: (call) => update(ctx, call) },
  ];
}

export function findProduct(ctx: EmulatorContext, id: string, param = 'id'): Stripe.Product {
  const product = ctx.state.products.get(id);
  if (!product) throw resourceMissing('product', id, param);
  return product;
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Product {
  const params = parseParams<ProductParams>(
    { ...productRules, id: string({ maxLength: 5000 }) },
    call.params,
    ['name'],
  );
  return expand(ctx.state, newProduct(ctx, params, call.origin), params.expand);
}

/** A product (product.created): from POST /v1/products, or a price's `product_data`. */
export function newProduct(
  ctx: EmulatorContext,
  params: Omit<ProductParams, 'expand'>,
  origin: RequestOrigin,
): Stripe.Product {
  const now = ctx.clock.now();
  const product: Stripe.Product = {
    id: params.id ?? newId('prod', 14),
    object: 'product',
    active: params.active ?? true,
    created: now,
    default_price: null,
    description: params.description ?? null,
    images: params.images ?? [],
    livemode: false,
    marketing_features: [],
    metadata: params.metadata ?? {},
    name: params.name ?? '',
    package_dimensions: null,
    shippable: params.shippable ?? null,
    statement_descriptor: params.statement_descriptor ?? null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: params.unit_label ?? null,
    updated: now,
    url: params.url ?? null,
  };
  ctx.state.products.set(product.id, product);
  ctx.emit('product.created', product, origin);
  return product;
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.Product {
  const params = parseParams<ProductParams>(productRules, call.params);
  const product = findProduct(ctx, idAt(call));
  const before = snapshot(product);
  Object.assign(product, {
    active: params.active ?? product.active,
    description: params.description ?? product.description,
    images: params.images ?? product.images,
    name: params.name ?? product.name,
    shippable: params.shippable ?? product.shippable,
    statement_descriptor: params.statement_descriptor ?? product.statement_descriptor,
    unit_label: params.unit_label ?? product.unit_label,
    url: params.url ?? product.url,
    metadata: mergedMetadata(product.metadata, params.metadata, call.params.metadata),
    updated: ctx.clock.now(),
  });
  ctx.emit('product.updated', product, call.origin, previousAttributes(before, product));
  return expand(ctx.state, product, params.expand);
}

interface ProductListParams extends ListParams {
  active?: boolean;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Product> {
  const params = parseParams<ProductListParams>(
    { ...listRules, active: boolean(), created: range() },
    call.params,
  );
  const products = newestFirst(ctx.state.products.values(), (product) => {
    if (params.active !== undefined && product.active !== params.active) return false;
    return inRange(product.created, params.created);
  });
  return expand(ctx.state, paginate(products, params, call.path, 'product'), params.expand);
}
