// Subscriptions over the API: retrieve, list (by customer, status, price), update
// (`cancel_at_period_end` to schedule or undo a cancellation, default card, metadata), and
// cancel now with DELETE. Checkout creates them; see billing/ for their life.
import type Stripe from 'stripe';
import { atCustomerTime } from '../billing/customer-time';
import {
  cancelSubscriptionNow,
  currentPeriod,
  emitSubscriptionUpdated,
} from '../billing/subscription-lifecycle';
import { snapshot } from '../previous-attributes';
import type { EmulatorContext } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import {
  boolean,
  metadata,
  object,
  parseParams,
  range,
  string,
  type RangeFilter,
} from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { mergedMetadata } from './metadata-update';
import { requireAttached } from './payment-methods';

const FEEDBACK = [
  'customer_service',
  'low_quality',
  'missing_features',
  'other',
  'switched_service',
  'too_complex',
  'too_expensive',
  'unused',
];
const cancellationDetails = object({
  comment: string({ maxLength: 5000 }),
  feedback: string({ oneOf: FEEDBACK }),
});
const STATUSES = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
];

type Details = { comment?: string; feedback?: Stripe.Subscription.CancellationDetails.Feedback };

export function subscriptionRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/subscriptions$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findSubscription(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: (call) => atSubscriptionTime(ctx, call, () => update(ctx, call)),
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: (call) =>
        atSubscriptionTime(ctx, call, () => {
          const params = parseParams<{ cancellation_details?: Details; expand?: string[] }>(
            {
              cancellation_details: cancellationDetails,
              invoice_now: boolean(),
              prorate: boolean(),
            },
            call.params,
          );
          const subscription = findSubscription(ctx, idAt(call));
          if (subscription.status === 'canceled') {
            // UNCONFIRMED wording; Stripe refuses to cancel a subscription twice.
            throw invalidRequest(
              `A canceled subscription can only update its cancellation_details and metadata.`,
              undefined,
              'resource_missing',
            );
          }
          cancelSubscriptionNow(ctx, subscription, call.origin, params.cancellation_details);
          return expand(ctx.state, subscription, params.expand);
        }),
    },
  ];
}

/** Changes to a subscription happen at its customer's time (a test clock's frozen_time). */
function atSubscriptionTime<T>(ctx: EmulatorContext, call: ApiCall, work: () => T): T {
  return atCustomerTime(ctx, ctx.state.subscriptions.get(idAt(call))?.customer, work);
}

export function findSubscription(ctx: EmulatorContext, id: string): Stripe.Subscription {
  const subscription = ctx.state.subscriptions.get(id);
  if (!subscription) throw resourceMissing('subscription', id);
  return subscription;
}

interface UpdateParams {
  cancel_at_period_end?: boolean;
  cancellation_details?: Details;
  default_payment_method?: string;
  description?: string;
  metadata?: Record<string, string>;
  expand?: string[];
}

function update(ctx: EmulatorContext, call: ApiCall): Stripe.Subscription {
  const params = parseParams<UpdateParams>(
    {
      cancel_at_period_end: boolean(),
      cancellation_details: cancellationDetails,
      default_payment_method: string(),
      description: string({ maxLength: 500 }),
      metadata: metadata(),
      proration_behavior: string({ oneOf: ['always_invoice', 'create_prorations', 'none'] }),
    },
    call.params,
  );
  const subscription = findSubscription(ctx, idAt(call));
  const changesBilling =
    params.cancel_at_period_end !== undefined ||
    params.default_payment_method !== undefined ||
    params.description !== undefined;
  if (subscription.status === 'canceled' && changesBilling) {
    throw invalidRequest(
      'A canceled subscription can only update its cancellation_details and metadata.',
    );
  }
  if (params.default_payment_method !== undefined) {
    const customer = subscription.customer as string;
    requireAttached(ctx, params.default_payment_method, customer, 'default_payment_method');
  }
  const before = snapshot(subscription);
  if (params.default_payment_method !== undefined)
    subscription.default_payment_method = params.default_payment_method;
  if (params.cancel_at_period_end !== undefined)
    scheduleCancellation(ctx, subscription, params.cancel_at_period_end);
  if (params.cancellation_details) {
    const current = subscription.cancellation_details;
    subscription.cancellation_details = {
      comment: params.cancellation_details.comment ?? current?.comment ?? null,
      feedback: params.cancellation_details.feedback ?? current?.feedback ?? null,
      feedback_option: null,
      reason: current?.reason ?? null,
    };
  }
  if (params.description !== undefined) subscription.description = params.description;
  subscription.metadata = mergedMetadata(
    subscription.metadata,
    params.metadata,
    call.params.metadata,
  );
  emitSubscriptionUpdated(ctx, subscription, before, call.origin);
  return expand(ctx.state, subscription, params.expand);
}

// Scheduling sets cancel_at to the period's end and canceled_at to now; undoing clears both.
function scheduleCancellation(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
  atPeriodEnd: boolean,
): void {
  if (subscription.cancel_at_period_end === atPeriodEnd) return;
  subscription.cancel_at_period_end = atPeriodEnd;
  subscription.cancel_at = atPeriodEnd ? currentPeriod(subscription).end : null;
  subscription.canceled_at = atPeriodEnd ? ctx.clock.now() : null;
  subscription.cancellation_details = {
    comment: null,
    feedback: null,
    feedback_option: null,
    reason: atPeriodEnd ? 'cancellation_requested' : null,
  };
}

interface SubscriptionListParams extends ListParams {
  customer?: string;
  status?: string;
  price?: string;
  created?: number | RangeFilter;
  current_period_end?: number | RangeFilter;
  test_clock?: string;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Subscription> {
  const params = parseParams<SubscriptionListParams>(
    {
      ...listRules,
      customer: string(),
      status: string({ oneOf: STATUSES }),
      price: string(),
      created: range(),
      current_period_end: range(),
      test_clock: string(),
    },
    call.params,
  );
  const subscriptions = newestFirst(ctx.state.subscriptions.values(), (subscription) => {
    if (params.customer !== undefined && subscription.customer !== params.customer) return false;
    // Without `customer`, Stripe lists a test clock's subscriptions only when asked for that clock.
    if (
      params.customer === undefined &&
      (subscription.test_clock ?? undefined) !== params.test_clock
    )
      return false;
    if (!statusMatches(subscription.status, params.status)) return false;
    if (
      params.price !== undefined &&
      !subscription.items.data.some((item) => item.price.id === params.price)
    )
      return false;
    if (!inRange(currentPeriod(subscription).end, params.current_period_end)) return false;
    return inRange(subscription.created, params.created);
  });
  return expand(
    ctx.state,
    paginate(subscriptions, params, call.path, 'subscription'),
    params.expand,
  );
}

// Without `status` Stripe lists every subscription that is not canceled; `ended` means canceled
// or incomplete_expired; `all` means everything.
function statusMatches(status: Stripe.Subscription.Status, wanted: string | undefined): boolean {
  if (wanted === undefined) return status !== 'canceled';
  if (wanted === 'all') return true;
  if (wanted === 'ended') return status === 'canceled' || status === 'incomplete_expired';
  return status === wanted;
}
