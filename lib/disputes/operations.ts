import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { db } from '@/db/client';
import { disputes, earlyFraudWarnings, type DisputeEvidence } from '@/db/schema';
import { refundOrder } from '@/lib/orders/payment-operations';
import { recordAudit, type AuditActor } from '@/lib/platform/audit-log';
import { stripe } from '@/lib/stripe';
import { EVIDENCE_TOTAL_LIMIT } from './evidence';
import { mirrorDispute } from './mirror';

export interface Outcome {
  ok: boolean;
  message: string;
}

const OPEN = new Set(['warning_needs_response', 'needs_response']);

/**
 * Stripe's answer counts as a report made this second: events carry whole seconds, and one the
 * answer's change caused in the same second (closed after winning evidence) must still apply.
 */
function thisSecond(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

function stripeMessage(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) return `Stripe refused: ${error.message}`;
  return 'Stripe could not be reached. Nothing was changed; try again.';
}

/**
 * Sends the evidence to Stripe: staged (`submit: false`, a draft the admin can come back to, and
 * Stripe's Dashboard shows) or submitted (the bank then decides; no more changes). Stripe's answer
 * is mirrored at once, so the page shows what Stripe holds; the dispute's events confirm it.
 */
export async function sendEvidence(
  disputeId: string,
  evidence: DisputeEvidence,
  input: { submit: boolean; actor: AuditActor },
): Promise<Outcome> {
  const [dispute] = await db().select().from(disputes).where(eq(disputes.id, disputeId));
  if (!dispute) return { ok: false, message: 'That dispute does not exist.' };
  if (!OPEN.has(dispute.status))
    return {
      ok: false,
      message: `This dispute is ${dispute.status.replaceAll('_', ' ')}: evidence can no longer be changed.`,
    };
  const total = Object.values(evidence).reduce((sum, text) => sum + (text?.length ?? 0), 0);
  if (total > EVIDENCE_TOTAL_LIMIT)
    return {
      ok: false,
      message: `The evidence is ${total.toLocaleString('en')} characters; Stripe accepts ${EVIDENCE_TOTAL_LIMIT.toLocaleString('en')} in all.`,
    };
  // An emptied field is sent as '' so Stripe clears what was staged before.
  const fields = Object.fromEntries(
    Object.entries(evidence).map(([field, text]) => [field, text ?? '']),
  );
  let updated: Stripe.Dispute;
  try {
    updated = await stripe().disputes.update(disputeId, {
      evidence: fields,
      submit: input.submit,
    });
  } catch (error) {
    console.error(`[disputes] ${disputeId}: sending evidence failed:`, error);
    return { ok: false, message: stripeMessage(error) };
  }
  await db().transaction(async (tx) => {
    await mirrorDispute(tx, updated, thisSecond(), null);
    await recordAudit(tx, input.actor, {
      action: input.submit ? 'dispute.evidence_submitted' : 'dispute.evidence_staged',
      targetType: 'dispute',
      targetId: disputeId,
      detail: { fields: Object.keys(evidence).filter((field) => evidence[field]) },
    });
  });
  return {
    ok: true,
    message: input.submit
      ? 'Evidence submitted. The bank decides; the outcome appears here when Stripe reports it.'
      : 'Draft saved on Stripe. Submit it before the deadline.',
  };
}

/** Concedes the dispute: the money stays with the customer, and the dispute is closed as lost. */
export async function acceptDispute(disputeId: string, actor: AuditActor): Promise<Outcome> {
  const [dispute] = await db().select().from(disputes).where(eq(disputes.id, disputeId));
  if (!dispute) return { ok: false, message: 'That dispute does not exist.' };
  if (!OPEN.has(dispute.status))
    return {
      ok: false,
      message: `This dispute is ${dispute.status.replaceAll('_', ' ')}: it can no longer be accepted.`,
    };
  let closed: Stripe.Dispute;
  try {
    closed = await stripe().disputes.close(disputeId);
  } catch (error) {
    console.error(`[disputes] ${disputeId}: accepting failed:`, error);
    return { ok: false, message: stripeMessage(error) };
  }
  await db().transaction(async (tx) => {
    await mirrorDispute(tx, closed, thisSecond(), null);
    await recordAudit(tx, actor, {
      action: 'dispute.accepted',
      targetType: 'dispute',
      targetId: disputeId,
    });
  });
  return { ok: true, message: 'Dispute accepted: it is closed as lost.' };
}

/**
 * Refunds in full the order an early fraud warning is about, as Stripe recommends (a refunded
 * payment cannot be disputed, so the dispute fee is avoided). The refund's idempotency key is the
 * warning's, so two clicks (or two admins) refund once.
 */
export async function refundFraudWarning(warningId: string, actor: AuditActor): Promise<Outcome> {
  const [warning] = await db()
    .select()
    .from(earlyFraudWarnings)
    .where(eq(earlyFraudWarnings.id, warningId));
  if (!warning?.orderId) return { ok: false, message: 'That warning is not about an order.' };
  return refundOrder(warning.orderId, {
    reason: 'fraudulent',
    actor,
    requestId: `efw:${warning.id}`,
  });
}
