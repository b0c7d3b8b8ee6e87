// Balance transactions: every movement of money into or out of the account's balance, as Stripe
// records them (docs.stripe.com/reports/balance-transaction-types). A charge's funds are pending
// until `available_on`, then available; refunds, dispute withdrawals and payouts come out of the
// balance at once. They are dated in account (real) time, also for a test clock's charges
// (UNCONFIRMED): the balance and its payouts belong to the account, which no clock moves.
import type Stripe from 'stripe';
import type { EmulatorContext } from '../context';
import { newId } from '../ids';

export const DAY_SECONDS = 24 * 60 * 60;

/** Midnight UTC of the day `time` falls in: Stripe's `available_on` and `arrival_date` are days. */
export function startOfDay(time: number): number {
  return time - (time % DAY_SECONDS);
}

// Stripe's dispute fee, $15 in the US (docs.stripe.com/disputes/how-disputes-work);
// other currencies UNCONFIRMED. It is not returned when the dispute is won (UNCONFIRMED: Stripe
// returns it in some countries).
const DISPUTE_FEES: Record<string, number> = { usd: 1500, eur: 2000, gbp: 2000, default: 1500 };

interface Movement {
  type: Stripe.BalanceTransaction.Type;
  reportingCategory: string;
  amount: number;
  currency: string;
  source: string;
  description: string | null;
  fee?: { amount: number; description: string };
  /** A payment's funds wait `availableAfterDays`; everything else is available at once. */
  settles?: boolean;
}

function record(ctx: EmulatorContext, movement: Movement): Stripe.BalanceTransaction {
  const created = ctx.clock.accountNow();
  const availableOn = movement.settles
    ? startOfDay(created) + ctx.balance.settings.availableAfterDays * DAY_SECONDS
    : created;
  const fee = movement.fee?.amount ?? 0;
  const transaction: Stripe.BalanceTransaction = {
    id: newId('txn', 24),
    object: 'balance_transaction',
    amount: movement.amount,
    available_on: availableOn,
    balance_type: 'payments',
    created,
    currency: movement.currency,
    description: movement.description,
    exchange_rate: null,
    fee,
    fee_details: movement.fee
      ? [
          {
            amount: fee,
            application: null,
            currency: movement.currency,
            description: movement.fee.description,
            type: 'stripe_fee',
          },
        ]
      : [],
    net: movement.amount - fee,
    reporting_category: movement.reportingCategory,
    source: movement.source,
    status: availableOn <= created ? 'available' : 'pending',
    type: movement.type,
  };
  ctx.state.balanceTransactions.set(transaction.id, transaction);
  ctx.changed();
  return transaction;
}

/** Stripe's card fee on `amount`: the percentage, rounded to the smallest unit, plus the fixed part. */
export function cardFee(ctx: EmulatorContext, amount: number, currency: string): number {
  const { feePercent, feeFixed } = ctx.balance.settings;
  const fixed = feeFixed[currency] ?? feeFixed.default ?? 0;
  return Math.min(amount, Math.round((amount * feePercent) / 100) + fixed);
}

/** The captured amount of a charge enters the balance, less Stripe's fee. */
export function recordCharge(ctx: EmulatorContext, charge: Stripe.Charge): void {
  if (charge.amount_captured <= 0 || charge.balance_transaction) return;
  charge.balance_transaction = record(ctx, {
    type: 'charge',
    reportingCategory: 'charge',
    amount: charge.amount_captured,
    currency: charge.currency,
    source: charge.id,
    description: charge.description,
    fee: {
      amount: cardFee(ctx, charge.amount_captured, charge.currency),
      description: 'Stripe processing fees',
    },
    settles: true,
  }).id;
}

// The fee of a refunded charge is not returned (docs.stripe.com/refunds): a refund
// takes only its own amount out of the balance.
export function recordRefund(ctx: EmulatorContext, refund: Stripe.Refund): void {
  refund.balance_transaction = record(ctx, {
    type: 'refund',
    reportingCategory: 'refund',
    amount: -refund.amount,
    currency: refund.currency,
    source: refund.id,
    description: `REFUND FOR CHARGE (${String(refund.charge)})`,
  }).id;
}

/** A failed refund's money comes back to the balance. */
export function recordRefundFailure(ctx: EmulatorContext, refund: Stripe.Refund): void {
  refund.failure_balance_transaction = record(ctx, {
    type: 'refund_failure',
    reportingCategory: 'refund_failure',
    amount: refund.amount,
    currency: refund.currency,
    source: refund.id,
    description: `REFUND FAILURE FOR REFUND (${refund.id})`,
  }).id;
}

/** A dispute withdraws the disputed amount and the dispute fee (inquiries withdraw nothing). */
export function recordDisputeWithdrawal(ctx: EmulatorContext, dispute: Stripe.Dispute): void {
  dispute.balance_transactions.push(
    record(ctx, {
      type: 'adjustment',
      reportingCategory: 'dispute',
      amount: -dispute.amount,
      currency: dispute.currency,
      source: dispute.id,
      description: `Chargeback withdrawal for ${String(dispute.charge)}`,
      fee: {
        amount: DISPUTE_FEES[dispute.currency] ?? DISPUTE_FEES.default ?? 0,
        description: 'Dispute fee',
      },
    }),
  );
}

/** A won dispute gives the disputed amount back. */
export function recordDisputeReinstatement(ctx: EmulatorContext, dispute: Stripe.Dispute): void {
  dispute.balance_transactions.push(
    record(ctx, {
      type: 'adjustment',
      reportingCategory: 'dispute_reversal',
      amount: dispute.amount,
      currency: dispute.currency,
      source: dispute.id,
      description: `Chargeback reversal for ${String(dispute.charge)}`,
    }),
  );
}

export function recordPayout(ctx: EmulatorContext, payout: Stripe.Payout): void {
  payout.balance_transaction = record(ctx, {
    type: 'payout',
    reportingCategory: 'payout',
    amount: -payout.amount,
    currency: payout.currency,
    source: payout.id,
    description: payout.description,
  }).id;
}

/** A failed payout's money comes back to the available balance, to be paid out again. */
export function recordPayoutFailure(ctx: EmulatorContext, payout: Stripe.Payout): void {
  payout.failure_balance_transaction = record(ctx, {
    type: 'payout_failure',
    reportingCategory: 'payout_reversal',
    amount: payout.amount,
    currency: payout.currency,
    source: payout.id,
    description: `Payout failure (${String(payout.failure_code)})`,
  }).id;
}

/** Pending funds whose `available_on` is at or before `until` become available. */
export function makeAvailable(ctx: EmulatorContext, until: number): Stripe.BalanceTransaction[] {
  const moved: Stripe.BalanceTransaction[] = [];
  for (const transaction of ctx.state.balanceTransactions.values()) {
    if (transaction.status !== 'pending' || transaction.available_on > until) continue;
    transaction.status = 'available';
    moved.push(transaction);
  }
  if (moved.length > 0) ctx.emit('balance.available', balanceOf(ctx));
  return moved;
}

/** GET /v1/balance: available and pending funds per currency (usd 0 for an empty account). */
export function balanceOf(ctx: EmulatorContext): Stripe.Balance {
  const totals = new Map<string, { available: number; pending: number }>();
  for (const transaction of ctx.state.balanceTransactions.values()) {
    const total = totals.get(transaction.currency) ?? { available: 0, pending: 0 };
    if (transaction.status === 'pending') total.pending += transaction.net;
    else total.available += transaction.net;
    totals.set(transaction.currency, total);
  }
  if (totals.size === 0) totals.set('usd', { available: 0, pending: 0 });
  const funds = (kind: 'available' | 'pending'): Stripe.Balance.Available[] =>
    [...totals].map(([currency, total]) => ({
      amount: total[kind],
      currency,
      source_types: { card: total[kind] },
    }));
  return {
    object: 'balance',
    available: funds('available'),
    livemode: false,
    pending: funds('pending'),
  };
}

/** Available transactions not yet paid out: what the next payout of `currency` takes. */
export function unpaidTransactions(
  ctx: EmulatorContext,
  currency: string,
): Stripe.BalanceTransaction[] {
  return [...ctx.state.balanceTransactions.values()].filter(
    (transaction) =>
      transaction.currency === currency &&
      transaction.status === 'available' &&
      transaction.type !== 'payout' &&
      !ctx.state.payoutTransactions.has(transaction.id),
  );
}
