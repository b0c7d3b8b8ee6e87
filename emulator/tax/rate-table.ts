// THIS IS AN EMULATION, NOT STRIPE TAX. Stripe Tax decides rates from the merchant's registrations,
// the customer's exact address and hundreds of product tax codes; the emulator only needs totals
// that move when the address and the product change, so it keeps a small fixed table: a few
// countries (the United States and Canada by state or province), a few tax codes, one rate each.
// Rates are the published standard and reduced rates at the time of writing; the rules around
// them (shipping taxed at the goods' rate in Europe, not in California, books zero rated in the
// UK and Ireland) are deliberate simplifications. The same table is in emulator/README.md.
import type Stripe from 'stripe';

/** Stripe's product tax codes the table knows; any other code is taxed at the standard rate. */
export const TAX_CODES = {
  /** General - Tangible Goods: the default for goods. */
  goods: 'txcd_99999999',
  /** General - Electronically Supplied Services. */
  services: 'txcd_10000000',
  /** Shipping: the default for a shipping rate. */
  shipping: 'txcd_92010001',
  /** Books (printed): zero or reduced rated in several countries. */
  books: 'txcd_35010000',
} as const;

export interface Jurisdiction {
  /** Two-letter country code, and for the United States and Canada the state or province. */
  country: string;
  state: string | null;
  name: string;
  taxType: Stripe.TaxRate.TaxType;
  /** Percent, e.g. 20 for 20 %. */
  standard: number;
  /** Percent for printed books, when it differs from the standard rate. */
  books?: number;
  /** Whether a separately charged shipping fee is taxed (at the standard rate). */
  taxesShipping: boolean;
}

export const JURISDICTIONS: readonly Jurisdiction[] = [
  {
    country: 'US',
    state: 'CA',
    name: 'California',
    taxType: 'sales_tax',
    standard: 7.25,
    taxesShipping: false,
  },
  {
    country: 'US',
    state: 'NY',
    name: 'New York',
    taxType: 'sales_tax',
    standard: 4,
    taxesShipping: true,
  },
  {
    country: 'US',
    state: 'TX',
    name: 'Texas',
    taxType: 'sales_tax',
    standard: 6.25,
    taxesShipping: true,
  },
  {
    country: 'US',
    state: 'WA',
    name: 'Washington',
    taxType: 'sales_tax',
    standard: 6.5,
    taxesShipping: true,
  },
  {
    country: 'CA',
    state: 'ON',
    name: 'Ontario',
    taxType: 'hst',
    standard: 13,
    taxesShipping: true,
  },
  { country: 'CA', state: null, name: 'Canada', taxType: 'gst', standard: 5, taxesShipping: true },
  {
    country: 'GB',
    state: null,
    name: 'United Kingdom',
    taxType: 'vat',
    standard: 20,
    books: 0,
    taxesShipping: true,
  },
  {
    country: 'IE',
    state: null,
    name: 'Ireland',
    taxType: 'vat',
    standard: 23,
    books: 0,
    taxesShipping: true,
  },
  {
    country: 'DE',
    state: null,
    name: 'Germany',
    taxType: 'vat',
    standard: 19,
    books: 7,
    taxesShipping: true,
  },
  {
    country: 'FR',
    state: null,
    name: 'France',
    taxType: 'vat',
    standard: 20,
    books: 5.5,
    taxesShipping: true,
  },
  {
    country: 'NL',
    state: null,
    name: 'Netherlands',
    taxType: 'vat',
    standard: 21,
    books: 9,
    taxesShipping: true,
  },
  {
    country: 'SE',
    state: null,
    name: 'Sweden',
    taxType: 'vat',
    standard: 25,
    books: 6,
    taxesShipping: true,
  },
  { country: 'JP', state: null, name: 'Japan', taxType: 'jct', standard: 10, taxesShipping: true },
  {
    country: 'AU',
    state: null,
    name: 'Australia',
    taxType: 'gst',
    standard: 10,
    taxesShipping: true,
  },
];

export interface TaxLocation {
  country: string;
  state: string | null;
}

/** The rate that applies to one amount, and why (Stripe's `taxability_reason`). */
export interface AppliedRate {
  jurisdiction: Jurisdiction | null;
  percentage: number;
  reason: Stripe.LineItem.Tax.TaxabilityReason;
}

/** The jurisdiction for an address: a US state or Canadian province first, then the country. */
export function jurisdictionFor(location: TaxLocation): Jurisdiction | null {
  const country = location.country.toUpperCase();
  const state = location.state?.trim().toUpperCase() ?? null;
  return (
    JURISDICTIONS.find((entry) => entry.country === country && entry.state === state) ??
    JURISDICTIONS.find((entry) => entry.country === country && entry.state === null) ??
    null
  );
}

/** The rate for an amount with this tax code at this address (null code: general goods). */
export function rateFor(location: TaxLocation, taxCode: string | null): AppliedRate {
  const jurisdiction = jurisdictionFor(location);
  if (!jurisdiction) return { jurisdiction: null, percentage: 0, reason: 'not_collecting' };
  if (taxCode === TAX_CODES.shipping) {
    return jurisdiction.taxesShipping
      ? { jurisdiction, percentage: jurisdiction.standard, reason: 'standard_rated' }
      : { jurisdiction, percentage: 0, reason: 'not_subject_to_tax' };
  }
  if (taxCode === TAX_CODES.books && jurisdiction.books !== undefined) {
    return jurisdiction.books === 0
      ? { jurisdiction, percentage: 0, reason: 'zero_rated' }
      : { jurisdiction, percentage: jurisdiction.books, reason: 'reduced_rated' };
  }
  return { jurisdiction, percentage: jurisdiction.standard, reason: 'standard_rated' };
}

/**
 * The tax on `amount` (smallest currency unit): added on top when exclusive, extracted from it when
 * inclusive (the amount then already contains the tax). Rounded half away from zero, per amount.
 */
export function taxOn(amount: number, percentage: number, inclusive: boolean): number {
  if (percentage === 0 || amount === 0) return 0;
  if (!inclusive) return Math.round((amount * percentage) / 100);
  return amount - Math.round(amount / (1 + percentage / 100));
}
