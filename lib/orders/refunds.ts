import type { Executor } from '@/db/client';
import { and, eq, max, notInArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { refunds, type Order } from '@/db/schema';
import { queueRefundConfirmation } from '@/lib/orders/refund-email';
import {
  applyOrderFact,
  type TransitionResult,
  type TransitionSource,
} from '@/lib/orders/transition';
import {
  amountAfterFailure,
  isCurrentChargeReport,
  isLiveRefund,
  nextRefundStatus,
  refundStatusOf,
  type RefundStatus,
} from '@/lib/orders/refund-state';

/**
 * The refund ledger's effectful shell (the rule is in lib/orders/refund-state.ts). Every function runs in
 * the caller's transaction with the order already locked, so refunds of one order are recorded one
 * at a time whoever reports them: a webhook, reconcile, or an admin's refund.
 */

/** A Stripe refund as the ledger needs it, translated at the boundary. */
export interface RefundReport {
  stripeRefundId: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string | null;
  /** Who asked for it: the admin's email from our own metadata, else 'stripe' (e.g. the Dashboard). */
  actor: string;
  /** When Stripe said so (the event's `created`, or now for an API answer). */
  at: Date;
}

export function refundReportOf(refund: Stripe.Refund, at: Date): RefundReport {
  return {
    stripeRefundId: refund.id,
    amount: refund.amount,
    currency: refund.currency,
    status: refundStatusOf(refund.status),
    reason: refund.reason ?? null,
    actor: refund.metadata?.actor ?? 'stripe',
    at,
  };
}

export interface RefundRecorded {
  transition: TransitionResult;
  refundStatus: RefundStatus;
  queuedEmailIds: number[];
}

const NOT_LIVE: RefundStatus[] = ['failed', 'canceled'];

/** Upserts the refund by its Stripe id (status forward only) and moves the order's amount refunded. */
export async function recordRefund(
  tx: Executor,
  order: Order,
  report: RefundReport,
  source: TransitionSource,
): Promise<RefundRecorded> {
  const [previous] = await tx
    .select({ status: refunds.status })
    .from(refunds)
    .where(eq(refunds.stripeRefundId, report.stripeRefundId));
  const before = previous ? refundStatusOf(previous.status) : null;
  const status = nextRefundStatus(before, report.status);
  const failedNow = !isLiveRefund(status) && (before === null || isLiveRefund(before));
  const failedAt = failedNow ? report.at : undefined;

  if (!previous) {
    await tx.insert(refunds).values({
      stripeRefundId: report.stripeRefundId,
      orderId: order.id,
      amount: report.amount,
      currency: report.currency,
      status,
      reason: report.reason,
      actor: report.actor,
      failedAt: failedAt ?? null,
    });
  } else if (status !== before) {
    await tx
      .update(refunds)
      .set({ status, updatedAt: new Date(), ...(failedAt && { failedAt }) })
      .where(eq(refunds.stripeRefundId, report.stripeRefundId));
  }

  const liveSum = await liveRefundedSum(tx, order.id);
  const transition = await applyOrderFact(
    tx,
    order,
    failedNow
      ? {
          kind: 'refund_failed',
          amountRefunded: amountAfterFailure({
            before: order.amountRefunded,
            failedAmount: report.amount,
            liveSum,
          }),
        }
      : { kind: 'refund_updated', amountRefunded: liveSum },
    source,
    { detail: { refundId: report.stripeRefundId, refundStatus: status, amount: report.amount } },
  );

  const succeededNow = status === 'succeeded' && before !== 'succeeded';
  const emailId = succeededNow ? await queueRefundConfirmation(tx, order, report) : null;
  return { transition, refundStatus: status, queuedEmailIds: emailId === null ? [] : [emailId] };
}

/**
 * A charge's cumulative amount_refunded as of `at` (charge.refunded): raises the order's amount
 * unless a refund failed since, in which case the report still counts it and is ignored.
 */
export async function applyChargeRefundReport(
  tx: Executor,
  order: Order,
  report: { amountRefunded: number; at: Date },
  source: TransitionSource,
): Promise<TransitionResult & { stale: boolean }> {
  const [row] = await tx
    .select({ lastFailureAt: max(refunds.failedAt) })
    .from(refunds)
    .where(eq(refunds.orderId, order.id));
  const stale = !isCurrentChargeReport(report.at, row?.lastFailureAt ?? null);
  const transition = await applyOrderFact(
    tx,
    order,
    stale ? null : { kind: 'refund_updated', amountRefunded: report.amountRefunded },
    source,
    { detail: { chargeAmountRefunded: report.amountRefunded } },
  );
  return { ...transition, stale };
}

/** How many refunds the ledger holds for the order, failed ones included. */
export async function refundCountOf(tx: Executor, orderId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(refunds)
    .where(eq(refunds.orderId, orderId));
  return row?.count ?? 0;
}

async function liveRefundedSum(tx: Executor, orderId: string): Promise<number> {
  const [row] = await tx
    .select({ sum: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), notInArray(refunds.status, NOT_LIVE)));
  return row?.sum ?? 0;
}
