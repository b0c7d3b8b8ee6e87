import type Stripe from 'stripe';
import { recordDisputeReinstatement, recordDisputeWithdrawal } from '../balance/ledger';
import type { EmulatorContext, RequestOrigin } from '../context';
import { invalidRequest, resourceMissing } from '../http/errors';
import { expand } from '../http/expansion';
import { inRange, listRules, newestFirst, paginate, type ListParams } from '../http/lists';
import { parseParams, range, string, type RangeFilter } from '../http/params';
import { idAt, type ApiCall, type Route } from '../http/routes';
import { newId } from '../ids';
import { settleEarlyFraudWarnings } from './early-fraud-warnings';

// UNCONFIRMED: Stripe's due_by is set by the card network (often 7-21 days); the emulator gives
// every dispute and inquiry 7 days from its creation, on the emulator's clock.
const RESPONSE_WINDOW = 7 * 24 * 60 * 60;

export function disputeRoutes(ctx: EmulatorContext): Route[] {
  return [
    { method: 'GET', pattern: /^\/v1\/disputes$/, handle: (call) => list(ctx, call) },
    {
      method: 'GET',
      pattern: /^\/v1\/disputes\/([^/]+)$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        return expand(ctx.state, findDispute(ctx, idAt(call)), paths);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/disputes\/([^/]+)\/close$/,
      handle: (call) => {
        const { expand: paths } = parseParams<{ expand?: string[] }>({}, call.params);
        const dispute = findDispute(ctx, idAt(call));
        // Closing accepts the dispute: "acknowledging it as lost"; an inquiry closes as
        // warning_closed (docs.stripe.com/api/disputes/close).
        closeDispute(
          ctx,
          dispute,
          dispute.status.startsWith('warning_') ? 'warning_closed' : 'lost',
          call.origin,
        );
        return expand(ctx.state, dispute, paths);
      },
    },
  ];
}

interface DisputeListParams extends ListParams {
  charge?: string;
  payment_intent?: string;
  created?: number | RangeFilter;
  expand?: string[];
}

function list(ctx: EmulatorContext, call: ApiCall): Stripe.ApiList<Stripe.Dispute> {
  const params = parseParams<DisputeListParams>(
    { ...listRules, charge: string(), payment_intent: string(), created: range() },
    call.params,
  );
  const disputes = newestFirst(ctx.state.disputes.values(), (dispute) => {
    if (params.charge !== undefined && dispute.charge !== params.charge) return false;
    if (params.payment_intent !== undefined && dispute.payment_intent !== params.payment_intent)
      return false;
    return inRange(dispute.created, params.created);
  });
  return expand(ctx.state, paginate(disputes, params, call.path, 'dispute'), params.expand);
}

export function findDispute(ctx: EmulatorContext, id: string): Stripe.Dispute {
  const dispute = ctx.state.disputes.get(id);
  if (!dispute) throw resourceMissing('dispute', id);
  return dispute;
}

export function openDispute(
  ctx: EmulatorContext,
  charge: Stripe.Charge,
  reason: string,
  status: 'needs_response' | 'warning_needs_response' = 'needs_response',
  dueBy?: number,
): Stripe.Dispute {
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, 'charge');
  const now = ctx.clock.now();
  const dispute: Stripe.Dispute = {
    id: newId('dp', 24),
    object: 'dispute',
    amount: charge.amount_captured - charge.amount_refunded,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: dueBy ?? now + RESPONSE_WINDOW,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    // The emulator refuses every refund of a disputed charge (refunds.ts, `charge_disputed`), so
    // this stays false; UNCONFIRMED for inquiries, which Stripe may let the merchant refund.
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason,
    status,
  };
  charge.disputed = true;
  ctx.state.disputes.set(dispute.id, dispute);
  ctx.emit('charge.dispute.created', dispute);
  settleEarlyFraudWarnings(ctx, charge.id);
  // A dispute takes the disputed amount and the dispute fee from the balance; an inquiry takes
  // nothing until it escalates (docs.stripe.com/disputes/how-disputes-work).
  if (status === 'needs_response') {
    recordDisputeWithdrawal(ctx, dispute);
    ctx.emit('charge.dispute.funds_withdrawn', dispute);
  }
  return dispute;
}

export function isClosed(dispute: Stripe.Dispute): boolean {
  return ['won', 'lost', 'warning_closed'].includes(dispute.status);
}

export function closeDispute(
  ctx: EmulatorContext,
  dispute: Stripe.Dispute,
  status: 'won' | 'lost' | 'warning_closed',
  origin?: RequestOrigin,
): void {
  if (isClosed(dispute)) {
    throw invalidRequest(`Dispute ${dispute.id} is already closed (${dispute.status}).`);
  }
  dispute.status = status;
  // Won: the disputed amount comes back (charge.dispute.funds_reinstated).
  const reinstated = status === 'won' && dispute.balance_transactions.length > 0;
  if (reinstated) recordDisputeReinstatement(ctx, dispute);
  ctx.emit('charge.dispute.closed', dispute, origin);
  if (reinstated) ctx.emit('charge.dispute.funds_reinstated', dispute, origin);
}

function emptyEvidence(): Stripe.Dispute.Evidence {
  return {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  };
}
