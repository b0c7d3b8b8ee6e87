import { describe, expect, it } from 'vitest';
import { formatRecurringPrice } from '@/lib/money';
import { confirmsPendingChange, supersedes } from '@/lib/subscriptions/state';

const at = (iso: string) => new Date(iso);
const stored = (status: string, periodEnd: string, eventCreated: string | null) => ({
  status,
  currentPeriodEnd: at(periodEnd),
  stateEventCreated: eventCreated ? at(eventCreated) : null,
});

describe('which subscription snapshot wins', () => {
  it('the first snapshot is always taken', () => {
    expect(
      supersedes(
        stored('incomplete', '2026-01-01', null),
        { status: 'incomplete', currentPeriodEnd: null },
        at('2026-01-01'),
      ),
    ).toBe(true);
  });

  it('a canceled subscription stays canceled, whatever arrives after', () => {
    const canceled = stored('canceled', '2026-02-01', '2026-01-10T00:00:00Z');
    expect(
      supersedes(
        canceled,
        { status: 'active', currentPeriodEnd: at('2026-03-01') },
        at('2026-02-01'),
      ),
    ).toBe(false);
  });

  it('cancellation replaces any live state, even from an older event', () => {
    const active = stored('active', '2026-03-01', '2026-02-01T00:00:00Z');
    expect(
      supersedes(
        active,
        { status: 'canceled', currentPeriodEnd: at('2026-02-01') },
        at('2026-01-10'),
      ),
    ).toBe(true);
  });

  it('a later period wins; an earlier one never does', () => {
    const renewed = stored('active', '2026-03-01', '2026-02-01T00:00:00Z');
    expect(
      supersedes(
        renewed,
        { status: 'past_due', currentPeriodEnd: at('2026-04-01') },
        at('2026-03-01'),
      ),
    ).toBe(true);
    expect(
      supersedes(
        renewed,
        { status: 'active', currentPeriodEnd: at('2026-02-01') },
        at('2026-02-02'),
      ),
    ).toBe(false);
  });

  it('in one period the later event wins', () => {
    const current = stored('active', '2026-03-01', '2026-02-10T00:00:00Z');
    const same = { status: 'active', currentPeriodEnd: at('2026-03-01') };
    expect(supersedes(current, same, at('2026-02-11'))).toBe(true);
    expect(supersedes(current, same, at('2026-02-09'))).toBe(false);
  });

  it('in the same second, "incomplete" never replaces the activated subscription', () => {
    const active = stored('active', '2026-03-01', '2026-02-01T00:00:00Z');
    expect(
      supersedes(
        active,
        { status: 'incomplete', currentPeriodEnd: at('2026-03-01') },
        at('2026-02-01T00:00:00Z'),
      ),
    ).toBe(false);
  });
});

describe('pending changes', () => {
  it('are confirmed by the snapshot that shows them', () => {
    expect(confirmsPendingChange('cancel', { status: 'active', cancelAtPeriodEnd: true })).toBe(
      true,
    );
    expect(confirmsPendingChange('cancel', { status: 'active', cancelAtPeriodEnd: false })).toBe(
      false,
    );
    expect(confirmsPendingChange('resume', { status: 'active', cancelAtPeriodEnd: false })).toBe(
      true,
    );
    expect(
      confirmsPendingChange('cancel_now', { status: 'active', cancelAtPeriodEnd: false }),
    ).toBe(false);
    expect(
      confirmsPendingChange('cancel_now', { status: 'canceled', cancelAtPeriodEnd: false }),
    ).toBe(true);
  });
});

describe('recurring prices', () => {
  it('read as an amount per interval', () => {
    const nbsp = '\u00a0';
    expect(formatRecurringPrice(10000, 'sek', { interval: 'month', intervalCount: 1 })).toBe(
      `100,00${nbsp}kr / month`,
    );
    expect(formatRecurringPrice(9000, 'usd', { interval: 'month', intervalCount: 3 })).toBe(
      '$90.00 / 3 months',
    );
    expect(formatRecurringPrice(12000, 'usd', { interval: 'year', intervalCount: 1 })).toBe(
      '$120.00 / year',
    );
  });
});
