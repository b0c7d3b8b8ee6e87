// SEPA Direct Debit in test mode: Stripe's test IBANs (docs.stripe.com/testing#sepa-direct-debit)
// decide whether a debit, submitted as `processing`, later succeeds or fails. Stripe documents
// only test IBANs; the emulator lets the documented succeeding ones succeed and fails every other
// valid IBAN (UNCONFIRMED for IBANs off that list), which is what the Stripe CLI's
// checkout.session.async_payment_failed fixture (IT60X0542811101000000123456) relies on.

const SUCCEEDS = new Set([
  'AT611904300234573201',
  'DE89370400440532013000',
  'FR1420041010050500013M02606',
  'NL39RABO0300065264',
]);

export type DebitOutcome = 'succeeds' | 'fails';

export function debitOutcome(iban: string): DebitOutcome {
  return SUCCEEDS.has(normaliseIban(iban)) ? 'succeeds' : 'fails';
}

export function normaliseIban(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

/** ISO 13616: two letters, two check digits, and the whole number mod 97 is 1. */
export function isValidIban(input: string): boolean {
  const iban = normaliseIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (letter) =>
    String(letter.charCodeAt(0) - 55),
  );
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}
