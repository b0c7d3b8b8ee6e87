/**
 * How refunds add up to an order's amount refunded. Pure: the effectful shell is lib/orders/refunds.ts.
 *
 * The rule. Stripe reports refunds two ways: each refund's own events (refund.created, .updated,
 * .failed) and the charge's cumulative `amount_refunded` (charge.refunded). Neither arrives in
 * order, and a refund can fail days after it succeeded, which lowers the charge's amount again.
 * So "take the max" alone would let a failed refund stick: a charge report from before the failure
 * still carries it. Therefore:
 * 1. The refunds table is a ledger, one row per Stripe refund, whose status only moves forward
 *    (pending/requires_action → succeeded → failed/canceled); a refund is "live" until it fails.
 * 2. A live refund's event raises the order's amount to at least the ledger's live sum (max).
 * 3. A charge report raises it to at least the charge's amount_refunded (max), unless the report
 *    is not newer than a failure the ledger knows (`isCurrentChargeReport`): then it is stale.
 * 4. The first time a refund leaves the live set, the order's amount becomes
 *    max(live sum, amount before − that refund's amount) (`amountAfterFailure`): the refund's
 *    money is taken back once, never below what the remaining live refunds prove.
 */

export type RefundStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

const RANK: Record<RefundStatus, number> = {
  pending: 0,
  requires_action: 0,
  succeeded: 1,
  failed: 2,
  canceled: 2,
};

/** Stripe's status string as ours; one we do not know yet counts as pending (still in flight). */
export function refundStatusOf(status: string | null | undefined): RefundStatus {
  return status && status in RANK ? (status as RefundStatus) : 'pending';
}

/** The status after a report: forward only, so a late "pending" never revives a failed refund. */
export function nextRefundStatus(
  current: RefundStatus | null,
  reported: RefundStatus,
): RefundStatus {
  if (current === null) return reported;
  return RANK[reported] > RANK[current] ? reported : current;
}

/** Money on its way back to the customer, or already there. */
export function isLiveRefund(status: RefundStatus): boolean {
  return status !== 'failed' && status !== 'canceled';
}

/**
 * The order's amount refunded once a refund of `failedAmount` has failed. `before` may or may not
 * have counted it (a charge report may have); the live sum is a floor either way.
 */
export function amountAfterFailure(input: {
  before: number;
  failedAmount: number;
  liveSum: number;
}): number {
  return Math.max(input.liveSum, input.before - input.failedAmount, 0);
}

/**
 * A charge's amount_refunded at `reportedAt` still counts refunds that failed later: only a report
 * strictly newer than every known failure is current (same second: stale, to be safe; the refund
 * events carry any new refund anyway).
 */
export function isCurrentChargeReport(reportedAt: Date, lastFailureAt: Date | null): boolean {
  return lastFailureAt === null || reportedAt.getTime() > lastFailureAt.getTime();
}
