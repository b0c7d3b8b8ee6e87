import Stripe from 'stripe';
import type { Payout, PayoutStatus } from '@/db/schema';

// The Money section's rules as pure functions (no database, no network), so they are tested alone
// and shared by lib/admin/money.ts's reads and the pages.

export interface CurrencyBalance {
  currency: string;
  available: number;
  pending: number;
}

/** Why Stripe gave no balance, as a sentence for the owner (the full error goes to the log). */
export function balanceProblem(error: unknown): string {
  if (error instanceof Stripe.errors.StripeAuthenticationError)
    return 'Stripe refused the store’s API key, so the balance could not be read. Check STRIPE_SECRET_KEY.';
  if (
    error instanceof Stripe.errors.StripeError &&
    !(error instanceof Stripe.errors.StripeConnectionError)
  )
    return `Stripe answered with an error, so the balance could not be read: ${error.message}`;
  return 'Stripe could not be reached, so the balance could not be read.';
}

/** Stripe's available and pending lists as one row per currency, alphabetical. */
export function mergeBalances(
  available: ReadonlyArray<{ amount: number; currency: string }>,
  pending: ReadonlyArray<{ amount: number; currency: string }>,
): CurrencyBalance[] {
  const byCurrency = new Map<string, CurrencyBalance>();
  const row = (currency: string) => {
    const existing = byCurrency.get(currency);
    if (existing) return existing;
    const fresh = { currency, available: 0, pending: 0 };
    byCurrency.set(currency, fresh);
    return fresh;
  };
  for (const entry of available) row(entry.currency).available += entry.amount;
  for (const entry of pending) row(entry.currency).pending += entry.amount;
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export type Reconciliation =
  | { kind: 'not_synced' }
  | { kind: 'reconciled' }
  /** The payout's amount less the net of its transactions. */
  | { kind: 'difference'; difference: number };

/**
 * Stripe's rule for an automatic payout: the net of the transactions it paid out is its amount
 * (docs.stripe.com/payouts/reconciliation). Until they are synced there is nothing to compare.
 */
export function reconcilePayout(
  payout: Pick<Payout, 'amount' | 'transactionsSyncedAt'>,
  transactionsNet: number,
): Reconciliation {
  if (payout.transactionsSyncedAt === null) return { kind: 'not_synced' };
  const difference = payout.amount - transactionsNet;
  return difference === 0 ? { kind: 'reconciled' } : { kind: 'difference', difference };
}

// Stripe's payout failure codes (docs.stripe.com/api/payouts/failures), grouped by what fixes them.
const BANK_DETAILS_CODES = new Set([
  'account_closed',
  'account_frozen',
  'bank_account_restricted',
  'bank_ownership_changed',
  'incorrect_account_holder_address',
  'incorrect_account_holder_name',
  'incorrect_account_holder_tax_id',
  'invalid_account_number',
  'invalid_currency',
  'no_account',
  'unsupported_card',
]);

/** What the owner should do about a failed payout, by Stripe's failure code. */
export function payoutFailureAdvice(code: string | null): string {
  const returned =
    'Stripe returned the funds to your balance and will pay them out again with the next payout.';
  if (code !== null && BANK_DETAILS_CODES.has(code))
    return `Update the bank account in the Stripe Dashboard (Settings → Payouts). ${returned}`;
  if (code === 'debit_not_authorized' || code === 'declined' || code === 'insufficient_funds')
    return `Ask your bank to accept payments from Stripe to this account, or update the bank account in the Stripe Dashboard (Settings → Payouts). ${returned}`;
  return `Check the bank account in the Stripe Dashboard (Settings → Payouts), and contact Stripe support if it is correct. ${returned}`;
}

export const PAYOUT_STATUS_LABELS: Record<PayoutStatus, string> = {
  pending: 'Pending',
  in_transit: 'In transit',
  paid: 'Paid',
  failed: 'Failed',
  canceled: 'Canceled',
};
