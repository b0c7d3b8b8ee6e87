/**
 * Money is an integer amount in the currency's minor unit (cents, öre) plus an ISO currency code,
 * exactly as Stripe takes it. This module is the one place that knows how many decimals a
 * currency has and how to show an amount to a person. Never do arithmetic on formatted strings.
 */

export interface Money {
  amount: number;
  currency: string;
}

// Stripe's zero-decimal currencies: the amount is already in whole units (¥500 is 500).
// https://docs.stripe.com/currencies#zero-decimal
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
// Stripe's three-decimal currencies: amounts have three decimals (1.000 KWD is 1000).
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

// The locale a shopper of each currency expects to read prices in ("280,00 kr", "¥4,200").
const LOCALE_BY_CURRENCY: Record<string, string> = {
  usd: 'en-US',
  cad: 'en-CA',
  aud: 'en-AU',
  gbp: 'en-GB',
  eur: 'en-IE',
  sek: 'sv-SE',
  nok: 'nb-NO',
  dkk: 'da-DK',
  chf: 'de-CH',
  jpy: 'ja-JP',
};

/** How many decimals the currency's minor unit has, as Stripe counts them. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = minorUnitDigits(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "$28.00", "280,00 kr", "￥4,200": an amount in minor units, formatted for people. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`amount must be an integer in minor units, got ${amount}`);
  const code = currency.toLowerCase();
  const major = amount / 10 ** minorUnitDigits(code);
  return formatterFor(code, locale ?? LOCALE_BY_CURRENCY[code] ?? 'en-US').format(major);
}

/**
 * "2800" usd → "28.00": minor units as a plain decimal in major units, exact (no float), for
 * spreadsheets and form fields. The one inverse of parseMajorAmount.
 */
export function formatDecimal(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The largest amount the store keeps: money columns are Postgres `integer`s (2^31 - 1). */
export const MAX_AMOUNT = 2_147_483_647;

/**
 * The one reader of an amount a person typed in major units ("28.50", "500" yen): digits with at
 * most the currency's decimals, no sign or grouping, at most MAX_AMOUNT minor units. Anything else
 * is null, for the caller to answer with `amountInputHint`. Exact: the digits never pass a float.
 */
export function parseMajorAmount(typed: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(typed.trim());
  if (!match || (match[2] ?? '').length > digits) return null;
  const minor = Number(`${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`);
  return minor <= MAX_AMOUNT ? minor : null;
}

/** What a field that refused an amount says: the shape it wants and the most it takes. */
export function amountInputHint(currency: string): string {
  const example = minorUnitDigits(currency) === 0 ? '500' : '28.50';
  return `Enter an amount such as ${example}, at most ${formatMoney(MAX_AMOUNT, currency)}.`;
}

/** A recurring price as people read it: "100,00 kr / month", "$90.00 / 3 months", "$120.00 / year". */
export function formatRecurringPrice(
  amount: number,
  currency: string,
  recurring: { interval: 'month' | 'year'; intervalCount: number },
): string {
  const every =
    recurring.intervalCount === 1
      ? recurring.interval
      : `${recurring.intervalCount} ${recurring.interval}s`;
  return `${formatMoney(amount, currency)} / ${every}`;
}
