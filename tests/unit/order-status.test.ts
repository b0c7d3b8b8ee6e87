import { describe, expect, it } from 'vitest';
import { disputeLabel } from '@/lib/orders/status';

describe('dispute labels', () => {
  it('an open dispute reads "Disputed", whatever stage it is at', () => {
    expect(disputeLabel('needs_response')).toMatch(/^Disputed/);
    expect(disputeLabel('warning_under_review')).toMatch(/^Disputed/);
  });

  it('a closed dispute says how it ended, and an undisputed order says nothing', () => {
    expect(disputeLabel('won')).toBe('Dispute won');
    expect(disputeLabel('lost')).toBe('Dispute lost');
    expect(disputeLabel(null)).toBeNull();
  });
});
