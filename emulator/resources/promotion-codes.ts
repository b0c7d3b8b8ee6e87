// Promotion codes (docs.stripe.com/api/promotion_codes): the code a customer types, redeeming a
// coupon. Since API 2025-09-30 the coupon is named under `promotion: { type: 'coupon', coupon }`
// (the pinned SDK sends and types only that). Create, retrieve, list (code, active, coupon,
// customer filters), update (active, metadata, restrictions[currency_options]).
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
  map,
  type RangeFilter,
  type Rule,
} from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { previousAttributes, snapshot } from '../previous-attributes';
import { findCoupon } from './coupons';
import { findLiveCustomer } from './customer-records';
import { mergedMetadata } from './metadata-update';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const promotionCodeCreateRules: Record<string, Rule> = {
  promotion: object({ type: string({ oneOf: ['coupon'] }), coupon: string() }, ['type']),
  active: boolean(),
  code: string({ maxLength: 500 }),
  customer: string(),
  expires_at: integer(),
  max_redemptions: integer({ min: 1 }),
  metadata: metadata(),
  restrictions: object({
    first_time_transaction: boolean(),
    minimum_amount: integer({ min: 0 }),
    minimum_amount_currency: string(),
    currency_options: currencyOptions(),
  }),
};

function currencyOptions(): Rule {
  return map(object({ minimum_amount: integer({ min: 0 }) }));
}

export function promotionCodeRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/promotion_codes$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/promotion_codes$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/promotion_codes\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findPromotionCode(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/promotion_codes\/([^/]+)$/,
      handle: (call) => update(ctx, call),
    },
  ];
}

export function findPromotionCode(ctx: EmulatorContext, id: string): Stripe.PromotionCode {
  const code = ctx.state.promotionCodes.get(id);
  if (!code) throw resourceMissing('promotion_code', id);
  return code;
}

/** The active code a customer typed, matched case-insensitively as Checkout matches it. */
export function promotionCodeByCode(
  ctx: EmulatorContext,
  typed: string,
): Stripe.PromotionCode | undefined {
  const wanted = typed.trim().toUpperCase();
  let inactive: Stripe.PromotionCode | undefined;
  for (const code of ctx.state.promotionCodes.values()) {
    if (code.code.toUpperCase() !== wanted) continue;
    if (code.active) return code;
    inactive = code;
  }
  return inactive;
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.PromotionCode {
  const params = parseParams<Stripe.PromotionCodeCreateParams>(
    promotionCodeCreateRules,
    call.params,
    ['promotion'],
  );
  if (params.promotion.coupon === undefined) throw missing('promotion[coupon]');
  const coupon = findCoupon(ctx, params.promotion.coupon, 'promotion[coupon]');
  const restrictions = params.restrictions ?? {};
  if (
    restrictions.minimum_amount !== undefined &&
    restrictions.minimum_amount_currency === undefined
  ) {
    throw invalidRequest(
      'You must specify minimum_amount_currency when passing minimum_amount.',
      'restrictions[minimum_amount_currency]',
    );
  }
  const now = ctx.clock.now();
  if (params.expires_at !== undefined && params.expires_at <= now) {
    throw invalidRequest('Invalid expires_at: must be in the future.', 'expires_at');
  }
  // A code's expiry and limit cannot outlast its coupon's (UNCONFIRMED wording).
  if (
    params.expires_at !== undefined &&
    coupon.redeem_by !== null &&
    params.expires_at > coupon.redeem_by
  ) {
    throw invalidRequest(
      "The promotion code's expires_at cannot be after the coupon's redeem_by.",
      'expires_at',
    );
  }
  const code = params.code ?? generatedCode();
  if (!/^[a-zA-Z0-9_-]+$/.test(code)) {
    throw invalidRequest(
      'Invalid code: promotion codes may only contain letters, digits, hyphens and underscores.',
      'code',
    );
  }
  const clash = promotionCodeByCode(ctx, code);
  if (clash?.active && (params.active ?? true)) {
    throw invalidRequest(
      `An active promotion code with \`code: ${clash.code}\` already exists.`,
      'code',
      'resource_already_exists',
    );
  }
  const customer =
    params.customer === undefined ? null : findLiveCustomer(ctx, params.customer, 'customer').id;
  const promotionCode: Stripe.PromotionCode = {
    id: newId('promo', 24),
    object: 'promotion_code',
    active: params.active ?? true,
    code,
    created: now,
    customer,
    customer_account: null,
    expires_at: params.expires_at ?? null,
    livemode: false,
    max_redemptions: params.max_redemptions ?? null,
    metadata: (params.metadata ?? {}) as Stripe.Metadata,
    promotion: { type: 'coupon', coupon: coupon.id },
    restrictions: {
      first_time_transaction: restrictions.first_time_transaction ?? false,
      minimum_amount: restrictions.minimum_amount ?? null,
      minimum_amount_currency: restrictions.minimum_amount_currency?.toLowerCase() ?? null,
      ...(restrictions.currency_options
        ? { currency_options: minimums(restrictions.currency_options) }
        : {}),
    },
    times_redeemed: 0,
  };
  ctx.state.promotionCodes.set(promotionCode.id, promotionCode);
  ctx.emit('promotion_code.created', promotionCode, call.origin);
  return expand(ctx.state, promotionCode, params.expand);
}

/** `currency_options`: a minimum amount per further currency, keyed by lowercase currency. */
function minimums(
  options: Record<string, { minimum_amount?: number }>,
): Record<string, Stripe.PromotionCode.Restrictions.CurrencyOptions> {
  return Object.fromEntries(
    Object.entries(options).map(([currency, option]) => [
      currency.toLowerCase(),
      { minimum_amount: option.minimum_amount ?? 0 },
    ]),
  );
}

function missing(param: string): Error {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

// Stripe generates a code when none is given (docs.stripe.com/api/promotion_codes/create#code).
function generatedCode(): string {
  const tail = newId('', 8).slice(1);
  return [...tail].map((char) => CODE_ALPHABET[char.charCodeAt(0) % CODE_ALPHABET.length]).join('');
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.PromotionCode {
  const params = parseParams<Stripe.PromotionCodeUpdateParams>(
    {
      active: boolean(),
      metadata: metadata(),
      restrictions: object({ currency_options: currencyOptions() }),
    },
    call.params,
  );
  const promotionCode = findPromotionCode(ctx, idAt(call));
  const before = snapshot(promotionCode);
  // Reactivating is refused while another active code has the same text.
  if (params.active === true && !promotionCode.active) {
    const clash = promotionCodeByCode(ctx, promotionCode.code);
    if (clash?.active) {
      throw invalidRequest(
        `An active promotion code with \`code: ${clash.code}\` already exists.`,
        'active',
        'resource_already_exists',
      );
    }
  }
  promotionCode.active = params.active ?? promotionCode.active;
  const options = params.restrictions?.currency_options;
  if (options) {
    promotionCode.restrictions.currency_options = {
      ...promotionCode.restrictions.currency_options,
      ...minimums(options),
    };
  }
  promotionCode.metadata = mergedMetadata(
    promotionCode.metadata,
    params.metadata as Record<string, string> | undefined,
    call.params.metadata,
  );
  ctx.emit(
    'promotion_code.updated',
    promotionCode,
    call.origin,
    previousAttributes(before, promotionCode),
  );
  return expand(ctx.state, promotionCode, params.expand);
}

interface PromotionCodeListParams extends ListParams {
  active?: boolean;
  code?: string;
  coupon?: string;
  customer?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.PromotionCode> {
  const params = parseParams<PromotionCodeListParams>(
    {
      ...listRules,
      active: boolean(),
      code: string(),
      coupon: string(),
      customer: string(),
      created: range(),
    },
    call.params,
  );
  const codes = newestFirst(ctx.state.promotionCodes.values(), (code) => {
    if (params.active !== undefined && code.active !== params.active) return false;
    // The list's `code` filter is case-sensitive (UNCONFIRMED); Checkout's page is not.
    if (params.code !== undefined && code.code !== params.code) return false;
    if (params.coupon !== undefined && code.promotion.coupon !== params.coupon) return false;
    if (params.customer !== undefined && code.customer !== params.customer) return false;
    return inRange(code.created, params.created);
  });
  return expand(ctx.state, paginate(codes, params, call.path, 'promotion_code'), params.expand);
}
