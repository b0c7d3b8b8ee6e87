// Stripe's test cards and what each does (STRIPE-REFERENCE.md, "Test cards"). Any other number that
// passes the Luhn check succeeds, as a generic Visa would in test mode.

export type CardOutcome =
  | { kind: 'succeed' }
  | { kind: 'decline'; code: string; declineCode?: string; message: string }
  | { kind: 'challenge'; afterChallenge: 'succeed' | 'decline' }
  | { kind: 'dispute' }
  | { kind: 'inquiry' }
  | { kind: 'early-fraud-warning' }
  | { kind: 'refund-pending' }
  | { kind: 'refund-fails' }
  | { kind: 'fails-off-session' };

export const DECLINE_MESSAGES = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  lost_card: 'Your card was declined.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
  incorrect_number: 'Your card number is incorrect.',
  authentication_failure:
    'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
} as const;

const CARDS: Record<string, CardOutcome> = {
  '4242424242424242': { kind: 'succeed' },
  '4000000000000002': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINE_MESSAGES.generic_decline,
  },
  '4000000000009995': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: DECLINE_MESSAGES.insufficient_funds,
  },
  '4000000000009987': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'lost_card',
    message: DECLINE_MESSAGES.lost_card,
  },
  '4000000000000069': {
    kind: 'decline',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: DECLINE_MESSAGES.expired_card,
  },
  '4000000000000127': {
    kind: 'decline',
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: DECLINE_MESSAGES.incorrect_cvc,
  },
  '4000000000000119': {
    kind: 'decline',
    code: 'processing_error',
    declineCode: 'processing_error',
    message: DECLINE_MESSAGES.processing_error,
  },
  '4000002760003184': { kind: 'challenge', afterChallenge: 'succeed' },
  '4000008400001629': { kind: 'challenge', afterChallenge: 'decline' },
  '4000000000000259': { kind: 'dispute' },
  '4000000000001976': { kind: 'inquiry' },
  // "Charge succeeds, only to receive an early fraud warning" (docs.stripe.com/testing, Disputes
  // table, as quoted by public repositories; the page itself could not be opened here).
  '4000000000005423': { kind: 'early-fraud-warning' },
  '4000000000007726': { kind: 'refund-pending' },
  '4000000000005126': { kind: 'refund-fails' },
  // Stripe: "attaching this card to a Customer succeeds, but attempts to charge the customer fail".
  // The emulator lets the first payment the customer makes on the hosted page through and fails
  // every charge made without them (renewals, invoice payments, API confirmations): see README.
  '4000000000000341': { kind: 'fails-off-session' },
};

/** Stripe's test PaymentMethod ids, usable without creating anything (docs.stripe.com/testing). */
export const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedLostCard: '4000000000009987',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_createDispute: '4000000000000259',
  pm_card_createDisputeInquiry: '4000000000001976',
  // UNCONFIRMED name: seen beside card 5423 in a third-party copy of Stripe's testing table.
  pm_card_createIssuerFraudRecord: '4000000000005423',
};

/** A test token's card: Stripe names them like the test PaymentMethods (tok_visa, pm_card_visa). */
export function cardOfTestToken(token: string): string | undefined {
  return token.startsWith('tok_') ? TEST_PAYMENT_METHODS[`pm_card_${token.slice(4)}`] : undefined;
}

/** The decline a charge made without the customer present meets, or null when it goes through. */
export function offSessionDecline(
  cardNumber: string,
): Extract<CardOutcome, { kind: 'decline' }> | null {
  const outcome = outcomeOf(cardNumber);
  if (outcome.kind === 'decline') return outcome;
  if (outcome.kind === 'challenge') {
    // A card that always asks for 3D Secure cannot be charged with nobody there to answer.
    return {
      kind: 'decline',
      code: 'authentication_required',
      declineCode: 'authentication_required',
      message: 'Your card was declined. This transaction requires authentication.',
    };
  }
  if (outcome.kind === 'fails-off-session') {
    return {
      kind: 'decline',
      code: 'card_declined',
      declineCode: 'generic_decline',
      message: DECLINE_MESSAGES.generic_decline,
    };
  }
  return null;
}

export function normaliseCardNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function outcomeOf(cardNumber: string): CardOutcome {
  if (!passesLuhn(cardNumber)) {
    return {
      kind: 'decline',
      code: 'incorrect_number',
      message: DECLINE_MESSAGES.incorrect_number,
    };
  }
  return CARDS[cardNumber] ?? { kind: 'succeed' };
}

export function brandOf(cardNumber: string): string {
  if (cardNumber.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(cardNumber) || /^2[2-7]/.test(cardNumber)) return 'mastercard';
  if (/^3[47]/.test(cardNumber)) return 'amex';
  return 'unknown';
}
