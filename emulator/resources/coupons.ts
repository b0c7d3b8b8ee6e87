// Coupons (docs.stripe.com/api/coupons): create, retrieve, update (name, metadata), delete, list.
// A coupon is `percent_off` or `amount_off` in one currency; promotion codes are the customer-facing
// codes that redeem it (promotion-codes.ts). Deleting a coupon forgets it: its codes no longer apply.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { integer, metadata, parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { previousAttributes, snapshot } from '../previous-attributes';
import { mergedMetadata } from './metadata-update';

export const couponCreateRules = {
  id: string({ maxLength: 200 }),
  name: string({ maxLength: 40 }),
  percent_off: string(),
  amount_off: integer({ min: 1 }),
  currency: string(),
  duration: string({ oneOf: ['forever', 'once', 'repeating'] }),
  duration_in_months: integer({ min: 1 }),
  max_redemptions: integer({ min: 1 }),
  redeem_by: integer(),
  metadata: metadata(),
};

interface CouponCreate {
  id?: string;
  name?: string;
  percent_off?: string;
  amount_off?: number;
  currency?: string;
  duration?: Stripe.Coupon.Duration;
  duration_in_months?: number;
  max_redemptions?: number;
  redeem_by?: number;
  metadata?: Record<string, string>;
  expand?: string[];
}

export function couponRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/coupons$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/coupons$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/coupons\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findCoupon(ctx, idAt(call), 'id'), paths);
      },
    },
    { method: 'POST', pattern: /^\/v1\/coupons\/([^/]+)$/, handle: (call) => update(ctx, call) },
    { method: 'DELETE', pattern: /^\/v1\/coupons\/([^/]+)$/, handle: (call) => remove(ctx, call) },
  ];
}

export function findCoupon(ctx: EmulatorContext, id: string, param = 'coupon'): Stripe.Coupon {
  const coupon = ctx.state.coupons.get(id);
  if (!coupon) throw resourceMissing('coupon', id, param);
  // `valid` turns false by itself once redeem_by passes.
  coupon.valid = couponIsValid(coupon, ctx.clock.now());
  return coupon;
}

/** Still redeemable: before `redeem_by` and under `max_redemptions` (Stripe's `valid`). */
export function couponIsValid(coupon: Stripe.Coupon, now: number): boolean {
  if (coupon.redeem_by !== null && now > coupon.redeem_by) return false;
  return coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions;
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Coupon {
  const params = parseParams<CouponCreate>(couponCreateRules, call.params);
  // Stripe takes percent_off as a decimal string ("12.5"), between 0 and 100.
  const percent = params.percent_off === undefined ? undefined : Number(params.percent_off);
  if (percent !== undefined && (!Number.isFinite(percent) || percent <= 0 || percent > 100)) {
    throw invalidRequest(
      'Invalid percent_off: must be greater than 0 and at most 100.',
      'percent_off',
    );
  }
  if ((percent === undefined) === (params.amount_off === undefined)) {
    throw invalidRequest(
      'You must pass exactly one of the following parameters: amount_off or percent_off.',
      percent === undefined ? 'percent_off' : 'amount_off',
    );
  }
  if (params.amount_off !== undefined && params.currency === undefined) {
    throw invalidRequest('You must specify a currency when passing amount_off.', 'currency');
  }
  const duration = params.duration ?? 'once';
  if (duration === 'repeating' && params.duration_in_months === undefined) {
    throw invalidRequest(
      'You must specify duration_in_months when duration is repeating.',
      'duration_in_months',
    );
  }
  if (duration !== 'repeating' && params.duration_in_months !== undefined) {
    throw invalidRequest(
      'duration_in_months can only be set when duration is repeating.',
      'duration_in_months',
    );
  }
  const now = ctx.clock.now();
  if (params.redeem_by !== undefined && params.redeem_by <= now) {
    throw invalidRequest('Invalid redeem_by: must be in the future.', 'redeem_by');
  }
  const id = params.id ?? newId('', 8).slice(1);
  if (ctx.state.coupons.has(id)) {
    throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
  }
  const coupon: Stripe.Coupon = {
    id,
    object: 'coupon',
    amount_off: params.amount_off ?? null,
    created: now,
    currency: params.amount_off !== undefined ? (params.currency ?? '').toLowerCase() : null,
    duration,
    duration_in_months: params.duration_in_months ?? null,
    livemode: false,
    max_redemptions: params.max_redemptions ?? null,
    metadata: params.metadata ?? {},
    name: params.name ?? null,
    percent_off: percent ?? null,
    redeem_by: params.redeem_by ?? null,
    times_redeemed: 0,
    valid: true,
  };
  ctx.state.coupons.set(id, coupon);
  ctx.emit('coupon.created', coupon, call.origin);
  return expand(ctx.state, coupon, params.expand);
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.Coupon {
  const params = parseParams<{
    name?: string;
    metadata?: Record<string, string>;
    expand?: string[];
  }>({ name: string({ maxLength: 40 }), metadata: metadata() }, call.params);
  const coupon = findCoupon(ctx, idAt(call), 'id');
  const before = snapshot(coupon);
  coupon.name = params.name ?? coupon.name;
  coupon.metadata = mergedMetadata(coupon.metadata, params.metadata, call.params.metadata);
  ctx.emit('coupon.updated', coupon, call.origin, previousAttributes(before, coupon));
  return expand(ctx.state, coupon, params.expand);
}

function remove(ctx: EmulatorContext, call: ApiCall): Stripe.DeletedCoupon {
  parseParams({}, call.params);
  const coupon = findCoupon(ctx, idAt(call), 'id');
  ctx.state.coupons.delete(coupon.id);
  ctx.emit('coupon.deleted', coupon, call.origin);
  return { id: coupon.id, object: 'coupon', deleted: true };
}

/** A redemption (a completed Checkout Session used it): `valid` turns false at the limit. */
export function redeemCoupon(ctx: EmulatorContext, coupon: Stripe.Coupon): void {
  coupon.times_redeemed += 1;
  coupon.valid = couponIsValid(coupon, ctx.clock.now());
  ctx.changed();
}

interface CouponListParams extends ListParams {
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Coupon> {
  const params = parseParams<CouponListParams>({ ...listRules, created: range() }, call.params);
  const coupons = newestFirst(ctx.state.coupons.values(), (coupon) =>
    inRange(coupon.created, params.created),
  );
  return expand(ctx.state, paginate(coupons, params, call.path, 'coupon'), params.expand);
}
