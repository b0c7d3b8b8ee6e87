import { describe, expect, it } from 'vitest';
import {
  amountAfterFailure,
  isCurrentChargeReport,
  isLiveRefund,
  nextRefundStatus,
  refundStatusOf,
} from '@/lib/orders/refund-state';

describe('a refund’s status only moves forward', () => {
  it('pending becomes succeeded, and succeeded can still fail', () => {
    expect(nextRefundStatus('pending', 'succeeded')).toBe('succeeded');
    expect(nextRefundStatus('succeeded', 'failed')).toBe('failed');
  });

  it('a late "succeeded" or "pending" never revives a failed refund', () => {
    expect(nextRefundStatus('failed', 'succeeded')).toBe('failed');
    expect(nextRefundStatus('failed', 'pending')).toBe('failed');
    expect(nextRefundStatus('succeeded', 'pending')).toBe('succeeded');
  });

  it('the first report of a refund is taken as it is', () => {
    expect(nextRefundStatus(null, 'failed')).toBe('failed');
  });

  it('a status Stripe adds later is treated as still in flight', () => {
    expect(refundStatusOf('something_new')).toBe('pending');
    expect(refundStatusOf(null)).toBe('pending');
    expect(isLiveRefund('pending')).toBe(true);
    expect(isLiveRefund('canceled')).toBe(false);
  });
});

describe('a failed refund gives its amount back once', () => {
  it('takes the failed amount off what was recorded', () => {
    expect(amountAfterFailure({ before: 3000, failedAmount: 2000, liveSum: 1000 })).toBe(1000);
  });

  it('never goes below what the remaining live refunds prove', () => {
    // The failed refund was never counted (its events were still on their way).
    expect(amountAfterFailure({ before: 1000, failedAmount: 500, liveSum: 1000 })).toBe(1000);
  });

  it('never goes below zero', () => {
    expect(amountAfterFailure({ before: 0, failedAmount: 500, liveSum: 0 })).toBe(0);
  });
});

describe('a charge’s cumulative report is stale once a refund failed after it', () => {
  const failure = new Date('2030-01-01T00:00:10Z');

  it('a report with no failure known is current', () => {
    expect(isCurrentChargeReport(new Date('2030-01-01T00:00:00Z'), null)).toBe(true);
  });

  it('a report older than the failure is stale', () => {
    expect(isCurrentChargeReport(new Date('2030-01-01T00:00:05Z'), failure)).toBe(false);
  });

  it('a report from the same second as the failure is treated as stale', () => {
    expect(isCurrentChargeReport(failure, failure)).toBe(false);
  });

  it('a report newer than the failure is current', () => {
    expect(isCurrentChargeReport(new Date('2030-01-01T00:00:11Z'), failure)).toBe(true);
  });
});
