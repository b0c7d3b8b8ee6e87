// The emulator's notion of "now", in unix seconds. The account lives in real time, as a Stripe
// account does: sessions, payments, refunds and events are dated by the wall clock, so a store's
// `expires_at` (computed from its own real clock) is always judged against the same time.
// Only the Billing objects of a customer on a test clock live at that clock's frozen_time
// (docs.stripe.com/billing/testing/test-clocks); `at` dates the work done for them.
export class Clock {
  private frozen: number | null = null;

  /** Real time, or the frozen time of the test clock whose customer is being worked on. */
  now(): number {
    return this.frozen ?? this.accountNow();
  }

  /** Real time, whatever test clock is being worked on: events, sessions, deliveries. */
  accountNow(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** Runs `work` at `time` (a test clock's frozen_time), or in real time when `time` is null. */
  at<T>(time: number | null, work: () => T): T {
    const outer = this.frozen;
    this.frozen = time;
    try {
      return work();
    } finally {
      this.frozen = outer;
    }
  }
}
