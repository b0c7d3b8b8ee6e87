// The daily payout schedule: Stripe makes each payment's funds available on its balance
// transaction's `available_on`, then pays the available balance out once a day
// (docs.stripe.com/payouts). The control API runs it now (POST /_emulator/payouts/run).
// The emulator keeps no balance yet (see README, "Not implemented"): with nothing pending, a run
// makes nothing available and creates no payout. Balance transactions and payouts land here.
import type Stripe from 'stripe';
import type { EmulatorContext } from './context';

export interface PayoutRun {
  /** Balance transactions whose funds became available in this run. */
  made_available: Stripe.BalanceTransaction[];
  /** Payouts created in this run. */
  payouts: Stripe.Payout[];
}

export function runPayoutSchedule(_ctx: EmulatorContext): PayoutRun {
  return { made_available: [], payouts: [] };
}
