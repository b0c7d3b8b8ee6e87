import type Stripe from 'stripe';
import { recordRefund, recordRefundFailure } from '../balance/ledger';
import type { EmulatorContext, RequestOrigin } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { integer, metadata, parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { outcomeOf } from '../payments/test-cards';
import { findCharge } from './charges';
import { settleEarlyFraudWarnings } from './early-fraud-warnings';
import { findPaymentIntent } from './payment-intents';

// Pending refunds (card ...7726) settle, and refunds of card ...5126 fail, this long after creation.
export const REFUND_SETTLE_SECONDS = 5;

export function refundRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'POST', pattern: /^\/v1\/refunds$/, handle: (call) => create(ctx, call) },
    { method: 'GET', pattern: /^\/v1\/refunds$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const refund = ctx.state.refunds.get(idAt(call));
        if (!refund) throw resourceMissing('refund', idAt(call));
        return expand(ctx.state, refund, paths);
      },
    },
  ];
}

interface RefundCreateParams {
  charge?: string;
  payment_intent?: string;
  amount?: number;
  reason?: Stripe.RefundCreateParams.Reason;
  metadata?: Record<string, string>;
  expand?: string[];
}

function create(ctx: EmulatorContext, call: ApiCall): Stripe.Refund {
  const params = parseParams<RefundCreateParams>(
    {
      charge: string(),
      payment_intent: string(),
      amount: integer({ min: 1 }),
      reason: string({ oneOf: ['duplicate', 'fraudulent', 'requested_by_customer'] }),
      metadata: metadata(),
    },
    call.params,
  );
  const charge = chargeToRefund(ctx, params);
  if (charge.disputed) {
    throw invalidRequest(
      `Charge ${charge.id} has been charged back; cannot issue a refund.`,
      undefined,
      'charge_disputed',
    );
  }
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(
      `Charge ${charge.id} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  }
  const amount = params.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      'amount',
      'amount_too_large',
    );
  }
  const pending = outcomeOf(ctx.state.chargeCards.get(charge.id) ?? '').kind === 'refund-pending';
  const refund: Stripe.Refund = {
    id: newId('re', 24),
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: ctx.clock.accountNow(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: {
      type: 'card',
      card: {
        reference_status: 'pending',
        reference_type: 'acquirer_reference_number',
        type: 'refund',
      },
    },
    metadata: params.metadata ?? {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: params.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: pending ? 'pending' : 'succeeded',
    transfer_reversal: null,
  };
  ctx.state.refunds.set(refund.id, refund);
  if (!pending) recordRefund(ctx, refund);
  // amount_refunded is cumulative; `refunded` turns true only once nothing is left.
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  ctx.emit('refund.created', refund, call.origin);
  ctx.emit('charge.refunded', charge, call.origin);
  if (charge.refunded) settleEarlyFraudWarnings(ctx, charge.id, call.origin);
  return expand(ctx.state, refund, params.expand);
}

function chargeToRefund(ctx: EmulatorContext, params: RefundCreateParams): Stripe.Charge {
  if (params.charge !== undefined && params.payment_intent !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: charge, payment_intent.',
      'payment_intent',
    );
  }
  if (params.charge !== undefined) return findCharge(ctx, params.charge, 'charge');
  if (params.payment_intent === undefined) {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
    );
  }
  const intent = findPaymentIntent(ctx, params.payment_intent);
  const charge =
    typeof intent.latest_charge === 'string'
      ? ctx.state.charges.get(intent.latest_charge)
      : undefined;
  if (!charge || intent.status !== 'succeeded') {
    throw invalidRequest(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      'payment_intent',
      'charge_not_refundable',
    );
  }
  return charge;
}

/**
 * Moves the refunds `isDue` picks along: pending ones succeed, those of the failing card fail.
 * Time does this REFUND_SETTLE_SECONDS after creation; the control API does it at once.
 */
export function settleRefunds(
  ctx: EmulatorContext,
  isDue: (refund: Stripe.Refund) => boolean,
): Stripe.Refund[] {
  const settled: Stripe.Refund[] = [];
  for (const refund of ctx.state.refunds.values()) {
    if (!isDue(refund) || typeof refund.charge !== 'string') continue;
    const kind = outcomeOf(ctx.state.chargeCards.get(refund.charge) ?? '').kind;
    if (refund.status === 'pending') {
      refund.status = 'succeeded';
      recordRefund(ctx, refund);
      ctx.emit('refund.updated', refund, undefined, { status: 'pending' });
      settled.push(refund);
    } else if (refund.status === 'succeeded' && kind === 'refund-fails' && !refund.failure_reason) {
      failRefund(ctx, refund);
      settled.push(refund);
    }
  }
  return settled;
}

export function failRefund(
  ctx: EmulatorContext,
  refund: Stripe.Refund,
  origin?: RequestOrigin,
): void {
  if (refund.status === 'failed' || refund.status === 'canceled') {
    throw invalidRequest(`Refund ${refund.id} has already ${refund.status}.`);
  }
  const previous = refund.status;
  refund.status = 'failed';
  refund.failure_reason = 'expired_or_canceled_card';
  recordRefundFailure(ctx, refund);
  const charge =
    typeof refund.charge === 'string' ? ctx.state.charges.get(refund.charge) : undefined;
  // The money comes back to the merchant, so the charge is no longer refunded by this amount.
  if (charge) {
    charge.amount_refunded -= refund.amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
  }
  ctx.emit('refund.failed', refund, origin, { status: previous });
  ctx.emit('refund.updated', refund, origin, { status: previous });
}

interface RefundListParams extends ListParams {
  charge?: string;
  payment_intent?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Refund> {
  const params = parseParams<RefundListParams>(
    { ...listRules, charge: string(), payment_intent: string(), created: range() },
    call.params,
  );
  const refunds = newestFirst(ctx.state.refunds.values(), (refund) => {
    if (params.charge !== undefined && refund.charge !== params.charge) return false;
    if (params.payment_intent !== undefined && refund.payment_intent !== params.payment_intent)
      return false;
    return inRange(refund.created, params.created);
  });
  return expand(ctx.state, paginate(refunds, params, call.path, 'refund'), params.expand);
}
