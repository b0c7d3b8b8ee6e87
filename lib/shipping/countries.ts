import type Stripe from 'stripe';

type AllowedCountry = Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry;
/** The SDK's union ends in `OtherString` (any string); keep only its literal codes. */
type KnownCode<T> = T extends string ? (string extends T ? never : T) : never;
type StripeShippingCountry = KnownCode<AllowedCountry>;

/**
 * The countries Checkout's `shipping_address_collection.allowed_countries` takes, as the pinned
 * stripe SDK lists them. `satisfies` proves every entry is in the SDK's union; `MISSING` below
 * proves every code of the union is here, so an SDK upgrade that adds or drops one fails tsc.
 */
// prettier-ignore
export const SHIPPING_COUNTRIES = [
  'AC', 'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS',
  'BT', 'BV', 'BW', 'BY', 'BZ', 'CA', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO',
  'CR', 'CV', 'CW', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE', 'EG', 'EH', 'ER',
  'ES', 'ET', 'FI', 'FJ', 'FK', 'FO', 'FR', 'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL',
  'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY', 'HK', 'HN', 'HR', 'HT', 'HU', 'ID',
  'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IS', 'IT', 'JE', 'JM', 'JO', 'JP', 'KE', 'KG', 'KH', 'KI',
  'KM', 'KN', 'KR', 'KW', 'KY', 'KZ', 'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV',
  'LY', 'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MK', 'ML', 'MM', 'MN', 'MO', 'MQ', 'MR', 'MS', 'MT',
  'MU', 'MV', 'MW', 'MX', 'MY', 'MZ', 'NA', 'NC', 'NE', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU',
  'NZ', 'OM', 'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PY', 'QA',
  'RE', 'RO', 'RS', 'RU', 'RW', 'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL',
  'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SX', 'SZ', 'TA', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ',
  'TK', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'US', 'UY', 'UZ', 'VA',
  'VC', 'VE', 'VG', 'VN', 'VU', 'WF', 'WS', 'XK', 'YE', 'YT', 'ZA', 'ZM', 'ZW', 'ZZ'
] as const satisfies readonly StripeShippingCountry[];

export type ShippingCountry = (typeof SHIPPING_COUNTRIES)[number];

type Missing = Exclude<StripeShippingCountry, ShippingCountry>;
const MISSING: [Missing] extends [never] ? true : Missing = true;
void MISSING;

const KNOWN = new Set<string>(SHIPPING_COUNTRIES);

export function isShippingCountry(code: string): code is ShippingCountry {
  return KNOWN.has(code);
}

/** "GB" → "United Kingdom" (lib/orders/postal-address.ts is its one home). */
export { countryName } from '@/lib/orders/postal-address';

export type CountryListResult =
  { ok: true; countries: ShippingCountry[] } | { ok: false; message: string };

/**
 * Reads a list of countries as an admin types it ("us, GB de"): codes split by commas or spaces,
 * any case, duplicates dropped, sorted. Refuses an empty list or a code Stripe does not ship to,
 * naming the first bad one.
 */
export function parseCountryList(typed: string): CountryListResult {
  const codes = typed
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
  if (codes.length === 0) {
    return { ok: false, message: 'Enter at least one country code, such as US or GB.' };
  }
  const unknown = codes.find((code) => !isShippingCountry(code));
  if (unknown !== undefined) {
    return {
      ok: false,
      message: `${unknown} is not a country Stripe ships to: use two-letter ISO codes such as US, GB or DE.`,
    };
  }
  return { ok: true, countries: [...new Set(codes as ShippingCountry[])].sort() };
}
