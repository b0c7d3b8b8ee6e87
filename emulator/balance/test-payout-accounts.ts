// Stripe's test bank account numbers (routing number 110000000) decide what happens to a payout
// sent to them (docs.stripe.com/connect/testing, "Payouts"): 000123456789 is paid, the others fail
// with the failure_code below. Any other number is paid. The messages are close to Stripe's, not
// guaranteed identical (docs.stripe.com/api/payouts/failures lists the codes).

export interface PayoutFailure {
  code: string;
  message: string;
}

const FAILURES: Record<string, PayoutFailure> = {
  '000111111116': {
    code: 'no_account',
    message:
      'The bank account details on file are probably incorrect. No bank account could be located with those details.',
  },
  '000111111113': {
    code: 'account_closed',
    message: 'The bank account has been closed.',
  },
  '000222222227': {
    code: 'insufficient_funds',
    message: 'Your Stripe account has insufficient funds to cover the payout.',
  },
  '000333333335': {
    code: 'debit_not_authorized',
    message: 'Debit transactions are not approved on the bank account.',
  },
  '000444444440': {
    code: 'invalid_currency',
    message: 'The bank was unable to process this payout because of its currency.',
  },
};

/** How a payout to `accountNumber` ends: null when it is paid. */
export function payoutFailureFor(accountNumber: string): PayoutFailure | null {
  return FAILURES[accountNumber] ?? null;
}

/** The id Stripe would give the account's bank account object; stable per number. */
export function bankAccountId(accountNumber: string): string {
  return `ba_test${accountNumber}`;
}
