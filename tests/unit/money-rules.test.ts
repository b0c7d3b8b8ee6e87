import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  balanceProblem,
  mergeBalances,
  payoutFailureAdvice,
  reconcilePayout,
} from '@/lib/admin/money-rules';

describe('reconciling a payout', () => {
  const synced = { amount: 10_000, transactionsSyncedAt: new Date() };

  it('reconciles when the net of its transactions is its amount', () => {
    expect(reconcilePayout(synced, 10_000)).toEqual({ kind: 'reconciled' });
  });

  it('gives the payout amount less the net otherwise, either way', () => {
    expect(reconcilePayout(synced, 9_000)).toEqual({ kind: 'difference', difference: 1_000 });
    expect(reconcilePayout(synced, 10_250)).toEqual({ kind: 'difference', difference: -250 });
  });

  it('compares nothing before its transactions are synced', () => {
    expect(reconcilePayout({ amount: 10_000, transactionsSyncedAt: null }, 0)).toEqual({
      kind: 'not_synced',
    });
  });
});

describe("Stripe's balance", () => {
  it('becomes one row per currency, with zero where Stripe lists none', () => {
    expect(
      mergeBalances(
        [
          { amount: 500, currency: 'usd' },
          { amount: 0, currency: 'eur' },
        ],
        [
          { amount: 1_200, currency: 'usd' },
          { amount: 300, currency: 'sek' },
        ],
      ),
    ).toEqual([
      { currency: 'eur', available: 0, pending: 0 },
      { currency: 'sek', available: 0, pending: 300 },
      { currency: 'usd', available: 500, pending: 1_200 },
    ]);
  });

  it("says why it could not be read: Stripe unreachable, the key refused, Stripe's error", () => {
    expect(
      balanceProblem(new Stripe.errors.StripeConnectionError({ message: 'ECONNREFUSED' })),
    ).toBe('Stripe could not be reached, so the balance could not be read.');
    expect(
      balanceProblem(new Stripe.errors.StripeAuthenticationError({ message: 'Invalid API Key' })),
    ).toMatch(/^Stripe refused the store’s API key.*STRIPE_SECRET_KEY/);
    expect(balanceProblem(new Stripe.errors.StripeAPIError({ message: 'Something broke' }))).toBe(
      'Stripe answered with an error, so the balance could not be read: Something broke',
    );
  });
});

describe('what to do about a failed payout', () => {
  it('points at the bank account for bad account details, and says the funds come back', () => {
    const advice = payoutFailureAdvice('account_closed');
    expect(advice).toMatch(/^Update the bank account in the Stripe Dashboard/);
    expect(advice).toContain('Stripe returned the funds to your balance');
  });

  it('asks to have the bank accept Stripe when the bank refused the debit', () => {
    expect(payoutFailureAdvice('debit_not_authorized')).toMatch(/^Ask your bank/);
  });

  it('still says what to check for an unknown or missing code', () => {
    expect(payoutFailureAdvice(null)).toMatch(/^Check the bank account/);
    expect(payoutFailureAdvice('something_new')).toMatch(/^Check the bank account/);
  });
});
