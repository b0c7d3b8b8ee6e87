import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { disputes, earlyFraudWarnings, orders } from '@/db/schema';

/** Statuses that wait for the shop: respond (or accept) before `evidence_due_by`. */
export const NEEDS_RESPONSE = ['warning_needs_response', 'needs_response'] as const;

const disputeColumns = {
  id: disputes.id,
  status: disputes.status,
  reason: disputes.reason,
  amount: disputes.amount,
  currency: disputes.currency,
  evidenceDueBy: disputes.evidenceDueBy,
  hasEvidence: disputes.hasEvidence,
  submissionCount: disputes.submissionCount,
  created: disputes.created,
  orderId: disputes.orderId,
  orderNumber: orders.number,
  customerEmail: orders.email,
};

export type DisputeRow = Awaited<ReturnType<typeof listDisputes>>[number];

/**
 * Every dispute: those that need a response first, the nearest deadline first; then the rest,
 * newest first.
 */
export function listDisputes(limit = 200) {
  return db()
    .select(disputeColumns)
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .orderBy(
      sql`${disputes.status} IN ('warning_needs_response', 'needs_response') DESC`,
      asc(disputes.evidenceDueBy),
      desc(disputes.created),
    )
    .limit(limit);
}

/** Disputes waiting for the shop's answer, most urgent first (the dashboard's list). */
export function disputesNeedingResponse(limit = 10) {
  return db()
    .select(disputeColumns)
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .where(inArray(disputes.status, [...NEEDS_RESPONSE]))
    .orderBy(asc(disputes.evidenceDueBy))
    .limit(limit);
}

export async function findDispute(id: string) {
  const [row] = await db()
    .select({
      ...disputeColumns,
      evidence: disputes.evidence,
      paymentIntentId: disputes.paymentIntentId,
    })
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .where(eq(disputes.id, id));
  return row ?? null;
}

export function disputesOfOrder(orderId: string) {
  return db()
    .select({ id: disputes.id, status: disputes.status, evidenceDueBy: disputes.evidenceDueBy })
    .from(disputes)
    .where(eq(disputes.orderId, orderId))
    .orderBy(desc(disputes.created));
}

/**
 * Early fraud warnings still worth acting on: actionable (not refunded in full, not disputed) and
 * about an order that still has money to refund.
 */
export function actionableFraudWarnings(limit = 10) {
  return db()
    .select({
      id: earlyFraudWarnings.id,
      fraudType: earlyFraudWarnings.fraudType,
      created: earlyFraudWarnings.created,
      orderId: earlyFraudWarnings.orderId,
      orderNumber: orders.number,
      amountTotal: orders.amountTotal,
      currency: orders.currency,
    })
    .from(earlyFraudWarnings)
    .innerJoin(orders, eq(orders.id, earlyFraudWarnings.orderId))
    .where(
      and(
        eq(earlyFraudWarnings.actionable, true),
        notInArray(orders.status, ['refunded', 'canceled']),
      ),
    )
    .orderBy(desc(earlyFraudWarnings.created))
    .limit(limit);
}

export function fraudWarningsOfOrder(orderId: string) {
  return db()
    .select()
    .from(earlyFraudWarnings)
    .where(eq(earlyFraudWarnings.orderId, orderId))
    .orderBy(desc(earlyFraudWarnings.created));
}
