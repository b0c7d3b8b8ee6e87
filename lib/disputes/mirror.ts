import { sql, type SQL } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Executor } from '@/db/client';
import { disputes, earlyFraudWarnings, type DisputeEvidence } from '@/db/schema';
import { stripeIdOf } from '@/lib/platform/identifiers';

/**
 * How far along a dispute is, to order two reports of the same second: a response is needed, then
 * it is under review, then it is closed. Reports from different seconds are ordered by time alone.
 */
function progressOf(status: SQL): SQL {
  return sql`CASE ${status}
    WHEN 'warning_needs_response' THEN 0 WHEN 'needs_response' THEN 0
    WHEN 'warning_under_review' THEN 1 WHEN 'under_review' THEN 1
    ELSE 2 END`;
}

/** The evidence fields Stripe holds a text for (files and empty fields are left out). */
export function evidenceTextOf(evidence: Stripe.Dispute.Evidence | undefined): DisputeEvidence {
  const texts: DisputeEvidence = {};
  for (const [field, value] of Object.entries(evidence ?? {})) {
    if (typeof value === 'string' && value !== '') texts[field] = value;
  }
  return texts;
}

/**
 * Writes a dispute as one report of it (an event, or Stripe's answer to staging evidence) says it
 * is. An older report than the row's changes nothing, so every dispute event can arrive late, twice
 * or shuffled and the row ends as the newest says. `orderId` links it to the order whose payment
 * it disputes, once known.
 */
export async function mirrorDispute(
  executor: Executor,
  dispute: Stripe.Dispute,
  reportedAt: Date,
  orderId: string | null,
): Promise<'written' | 'stale'> {
  const details = dispute.evidence_details as Stripe.Dispute.EvidenceDetails | undefined;
  const [written] = await executor
    .insert(disputes)
    .values({
      id: dispute.id,
      orderId,
      paymentIntentId: stripeIdOf(dispute.payment_intent),
      chargeId: stripeIdOf(dispute.charge),
      amount: dispute.amount,
      currency: dispute.currency,
      reason: dispute.reason,
      status: dispute.status,
      evidenceDueBy: details?.due_by ? new Date(details.due_by * 1000) : null,
      hasEvidence: details?.has_evidence ?? false,
      submissionCount: details?.submission_count ?? 0,
      evidence: evidenceTextOf(dispute.evidence),
      created: new Date(dispute.created * 1000),
      reportedAt,
    })
    .onConflictDoUpdate({
      target: disputes.id,
      set: {
        orderId: sql`coalesce(excluded.order_id, ${disputes.orderId})`,
        amount: sql`excluded.amount`,
        reason: sql`excluded.reason`,
        status: sql`excluded.status`,
        evidenceDueBy: sql`excluded.evidence_due_by`,
        hasEvidence: sql`excluded.has_evidence`,
        submissionCount: sql`excluded.submission_count`,
        evidence: sql`excluded.evidence`,
        reportedAt: sql`excluded.reported_at`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${disputes.reportedAt} < excluded.reported_at
        OR (${disputes.reportedAt} = excluded.reported_at
            AND ${progressOf(sql`excluded.status`)} >= ${progressOf(sql`${disputes.status}`)})`,
    })
    .returning({ id: disputes.id });
  return written ? 'written' : 'stale';
}

/**
 * Writes an early fraud warning as its event says; a warning only ever stops being actionable
 * (refunded or disputed), so the newest report wins and a late `created` cannot make it
 * actionable again.
 */
export async function mirrorFraudWarning(
  executor: Executor,
  warning: Stripe.Radar.EarlyFraudWarning,
  reportedAt: Date,
  orderId: string | null,
): Promise<'written' | 'stale'> {
  const [written] = await executor
    .insert(earlyFraudWarnings)
    .values({
      id: warning.id,
      orderId,
      paymentIntentId: stripeIdOf(warning.payment_intent ?? null),
      chargeId: stripeIdOf(warning.charge),
      fraudType: warning.fraud_type,
      actionable: warning.actionable,
      created: new Date(warning.created * 1000),
      reportedAt,
    })
    .onConflictDoUpdate({
      target: earlyFraudWarnings.id,
      set: {
        orderId: sql`coalesce(excluded.order_id, ${earlyFraudWarnings.orderId})`,
        fraudType: sql`excluded.fraud_type`,
        actionable: sql`excluded.actionable AND ${earlyFraudWarnings.actionable}`,
        reportedAt: sql`greatest(excluded.reported_at, ${earlyFraudWarnings.reportedAt})`,
      },
    })
    .returning({ id: earlyFraudWarnings.id });
  return written ? 'written' : 'stale';
}
