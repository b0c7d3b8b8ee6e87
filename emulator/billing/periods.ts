// Billing periods. Stripe counts every period from the billing cycle anchor, so a subscription
// that started on 31 January renews on 28 February, then on 31 March (the anchor's day returns
// whenever the month has it): docs.stripe.com/billing/subscriptions/billing-cycle.
import type Stripe from 'stripe';

const DAY = 24 * 60 * 60;

export type Interval = Pick<Stripe.Price.Recurring, 'interval' | 'interval_count'>;

/** The end of period number `n` (1 = the first period's end) from the anchor, in unix seconds. */
export function periodBoundary(anchor: number, recurring: Interval, n: number): number {
  const count = recurring.interval_count * n;
  if (recurring.interval === 'day') return anchor + count * DAY;
  if (recurring.interval === 'week') return anchor + count * 7 * DAY;
  const months = recurring.interval === 'year' ? count * 12 : count;
  const start = new Date(anchor * 1000);
  const target = start.getUTCMonth() + months;
  const year = start.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  return (
    Date.UTC(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds()) /
    1000
  );
}

/** The period that follows the one ending at `currentEnd`. */
export function nextPeriod(
  anchor: number,
  recurring: Interval,
  currentEnd: number,
): { start: number; end: number } {
  let n = 1;
  while (periodBoundary(anchor, recurring, n) <= currentEnd) n += 1;
  return { start: currentEnd, end: periodBoundary(anchor, recurring, n) };
}
