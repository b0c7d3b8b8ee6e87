// A Subscription's life: created (from Checkout) with items whose periods come from recurring
// prices, updated with Stripe's `previous_attributes`, canceled now or at the period's end. Since
// API 2025-03-31 the period fields live on each SubscriptionItem, not on the Subscription.
import type Stripe from 'stripe';
import type { EmulatorContext, RequestOrigin } from '../context';
import { newId } from '../ids';
import { previousAttributes } from '../previous-attributes';
import type { CreatedObjectSettings } from '../state';
import { testClockOf } from './customer-time';
import { periodBoundary } from './periods';

export interface NewSubscription {
  customer: string;
  defaultPaymentMethod: string | null;
  /** Recurring prices with one billing cycle (Checkout's line items, or `items` over the API). */
  items: Array<{ price: Stripe.Price; quantity: number }>;
  settings: CreatedObjectSettings;
}

export function newSubscription(ctx: EmulatorContext, spec: NewSubscription): Stripe.Subscription {
  const now = ctx.clock.now();
  const id = newId('sub', 24);
  const items = spec.items.map((item) => newItem(id, item, now));
  const subscription: Stripe.Subscription = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency: spec.items[0]?.price.currency ?? 'usd',
    customer: spec.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: spec.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: spec.settings.description,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    items: {
      object: 'list',
      data: items,
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: spec.settings.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: 'incomplete',
    test_clock: testClockOf(ctx, spec.customer)?.id ?? null,
    transfer_data: null,
    trial_end: null,
    trial_settings: {
      end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' },
    },
    trial_start: null,
  };
  ctx.state.subscriptions.set(id, subscription);
  ctx.emit('customer.subscription.created', subscription);
  return subscription;
}

function newItem(
  subscription: string,
  { price, quantity }: { price: Stripe.Price; quantity: number },
  now: number,
): Stripe.SubscriptionItem {
  const recurring = price.recurring as Stripe.Price.Recurring;
  const plan: Stripe.Plan = {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal as unknown as Stripe.Plan['amount_decimal'],
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: price.product as string,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
  return {
    id: newId('si', 14),
    object: 'subscription_item',
    billing_thresholds: null,
    created: now,
    current_period_end: periodBoundary(now, recurring, 1),
    current_period_start: now,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan,
    price,
    quantity,
    subscription,
    tax_rates: [],
  };
}

/** The period every item shares (Checkout subscriptions have one billing cycle). */
export function currentPeriod(subscription: Stripe.Subscription): { start: number; end: number } {
  const item = subscription.items.data[0];
  return { start: item?.current_period_start ?? 0, end: item?.current_period_end ?? 0 };
}

/** `customer.subscription.updated` with the old values of the top-level fields that changed. */
export function emitSubscriptionUpdated(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
  before: Record<string, unknown>,
  origin?: RequestOrigin,
): void {
  const previous = previousAttributes(before, subscription);
  if (Object.keys(previous).length === 0) return;
  ctx.emit('customer.subscription.updated', subscription, origin, previous);
}

/** Cancel now (DELETE /v1/subscriptions/:id, or the customer was deleted). */
export function cancelSubscriptionNow(
  ctx: EmulatorContext,
  subscription: Stripe.Subscription,
  origin?: RequestOrigin,
  details: { comment?: string; feedback?: Stripe.Subscription.CancellationDetails.Feedback } = {},
): void {
  const now = ctx.clock.now();
  subscription.status = 'canceled';
  subscription.canceled_at = now;
  subscription.ended_at = now;
  subscription.cancellation_details = {
    comment: details.comment ?? subscription.cancellation_details?.comment ?? null,
    feedback: details.feedback ?? subscription.cancellation_details?.feedback ?? null,
    feedback_option: null,
    reason: 'cancellation_requested',
  };
  ctx.emit('customer.subscription.deleted', subscription, origin);
}

/** A `cancel_at_period_end` subscription ends when its period does. */
export function endAtPeriodEnd(ctx: EmulatorContext, subscription: Stripe.Subscription): void {
  subscription.status = 'canceled';
  subscription.ended_at = currentPeriod(subscription).end;
  ctx.emit('customer.subscription.deleted', subscription);
}
