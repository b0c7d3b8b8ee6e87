// The payout schedule: Stripe makes each payment's funds available on its balance transaction's
// `available_on`, then pays the available balance out to the default bank account once a day
// (docs.stripe.com/payouts#payout-schedule). A payout is `pending`, then `in_transit` once sent
// to the bank, then `paid` on its `arrival_date`, or `failed`, when its money comes back to the
// balance (docs.stripe.com/payouts). The control API runs each step now.
import type Stripe from 'stripe';
import {
  DAY_SECONDS,
  makeAvailable,
  recordPayout,
  recordPayoutFailure,
  startOfDay,
  unpaidTransactions,
} from './balance/ledger';
import { bankAccountId, payoutFailureFor } from './balance/test-payout-accounts';
import type { EmulatorContext } from './context';
import { newId } from './ids';

export interface PayoutRun {
  /** Balance transactions whose funds became available in this run. */
  made_available: Stripe.BalanceTransaction[];
  /** Payouts created in this run. */
  payouts: Stripe.Payout[];
}

/**
 * The daily schedule now (POST /_emulator/payouts/run): funds due by `until` (default: all pending
 * funds, as if their day had come) become available, then each currency's available balance is
 * paid out, whatever the schedule setting.
 */
export function runPayoutSchedule(
  ctx: EmulatorContext,
  until: number = Number.POSITIVE_INFINITY,
): PayoutRun {
  const made_available = makeAvailable(ctx, until);
  return { made_available, payouts: payOutAvailable(ctx) };
}

/** What time does, each tick: funds become available, the daily payout, payouts arriving. */
export function applyPayoutSchedule(ctx: EmulatorContext): void {
  const now = ctx.clock.accountNow();
  makeAvailable(ctx, now);
  // The first tick of each UTC day pays out; a restarted emulator waits for the next day.
  const today = startOfDay(now);
  if (ctx.balance.lastDailyPayout < today) {
    ctx.balance.lastDailyPayout = today;
    if (ctx.balance.settings.payoutSchedule === 'daily') payOutAvailable(ctx);
  }
  settlePayouts(ctx, (payout) => payout.arrival_date <= now);
}

/** One automatic payout per currency whose available balance not yet paid out is positive. */
export function payOutAvailable(ctx: EmulatorContext): Stripe.Payout[] {
  const currencies = new Set(
    [...ctx.state.balanceTransactions.values()].map((transaction) => transaction.currency),
  );
  const payouts: Stripe.Payout[] = [];
  for (const currency of currencies) {
    const transactions = unpaidTransactions(ctx, currency);
    const amount = transactions.reduce((sum, transaction) => sum + transaction.net, 0);
    if (amount <= 0) continue;
    const payout = newPayout(ctx, currency, amount);
    for (const transaction of transactions)
      ctx.state.payoutTransactions.set(transaction.id, payout.id);
    recordPayout(ctx, payout);
    ctx.emit('payout.created', payout);
    // Stripe sends the payout to the bank shortly after creating it.
    ctx.defer(() => {
      if (payout.status !== 'pending') return;
      payout.status = 'in_transit';
      ctx.emit('payout.updated', payout, undefined, { status: 'pending' });
    });
    payouts.push(payout);
  }
  return payouts;
}

function newPayout(ctx: EmulatorContext, currency: string, amount: number): Stripe.Payout {
  const now = ctx.clock.accountNow();
  const account = ctx.balance.settings.externalAccount;
  const payout: Stripe.Payout = {
    id: newId('po', 24),
    object: 'payout',
    amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: startOfDay(now) + ctx.balance.settings.payoutArrivalDays * DAY_SECONDS,
    automatic: true,
    balance_transaction: null,
    created: now,
    currency,
    description: 'STRIPE PAYOUT',
    destination: bankAccountId(account),
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: {},
    method: 'standard',
    original_payout: null,
    payout_method: null,
    // Completed, with payout.reconciliation_completed, when the payout is paid (UNCONFIRMED timing:
    // Stripe reconciles some time after creating it); the transactions are listed at once.
    reconciliation_status: 'in_progress',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: null,
    status: 'pending',
    trace_id: { status: 'pending', value: null },
    type: 'bank_account',
  };
  ctx.state.payouts.set(payout.id, payout);
  ctx.state.payoutAccounts.set(payout.id, account);
  return payout;
}

/**
 * In-transit payouts that `isDue` picks arrive: paid, or failed when they went to one of Stripe's
 * failing test bank accounts, the failure returning the money to the available balance.
 */
export function settlePayouts(
  ctx: EmulatorContext,
  isDue: (payout: Stripe.Payout) => boolean,
): Stripe.Payout[] {
  const settled: Stripe.Payout[] = [];
  for (const payout of ctx.state.payouts.values()) {
    if (payout.status !== 'in_transit' || !isDue(payout)) continue;
    const failure = payoutFailureFor(ctx.state.payoutAccounts.get(payout.id) ?? '');
    if (failure) {
      payout.status = 'failed';
      payout.failure_code = failure.code;
      payout.failure_message = failure.message;
      payout.trace_id = { status: 'unsupported', value: null };
      recordPayoutFailure(ctx, payout);
      ctx.emit('payout.updated', payout, undefined, { status: 'in_transit' });
      ctx.emit('payout.failed', payout);
    } else {
      payout.status = 'paid';
      payout.trace_id = {
        status: 'supported',
        value: `EMU${payout.id.slice(3, 15).toUpperCase()}`,
      };
      ctx.emit('payout.updated', payout, undefined, { status: 'in_transit' });
      ctx.emit('payout.paid', payout);
      payout.reconciliation_status = 'completed';
      ctx.emit('payout.reconciliation_completed', payout, undefined, {
        reconciliation_status: 'in_progress',
      });
    }
    settled.push(payout);
  }
  return settled;
}
