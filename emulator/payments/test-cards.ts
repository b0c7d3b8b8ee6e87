// Stripe's test cards and what each does (STRIPE-REFERENCE.md, "Test cards"). Any other number that
// passes the Luhn check succeeds, as a generic Visa would in test mode.

export type CardOutcome =
  | { kind: 'succeed' }
  | { kind: 'decline'; code: string; declineCode?: string; message: string }
  | { kind: 'challenge'; afterChallenge: 'succeed' | 'decline' }
  | { kind: 'dispute' }
  | { kind: 'refund-pending' }
  | { kind: 'refund-fails' };

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
  '4000000000007726': { kind: 'refund-pending' },
  '4000000000005126': { kind: 'refund-fails' },
};

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
