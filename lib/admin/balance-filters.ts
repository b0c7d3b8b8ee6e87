import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { balanceDailyTotals, balanceTransactions } from '@/db/schema';
import {
  dayColumnRangeWhere,
  dayRangeWhere,
  filterDay,
  isFilterableDay,
  paramValues,
  type ListParams,
} from './list-params';

/**
 * The report's types, each a set of Stripe reporting categories
 * (https://docs.stripe.com/reports/reporting-categories). A refund's failure, a dispute's
 * reversal and a payout's failure (`payout_reversal`) belong with what they undo, so a type's sum
 * is what it really moved. "Fees and adjustments" is `fee` (Stripe's own fees not tied to one
 * charge, such as Radar or Billing fees) with `other_adjustment` (Stripe's "miscellaneous
 * adjustments"): both change the balance without a sale, refund, dispute or payout behind them.
 * The categories no type names (partial_capture_reversal, charge_failure, ...) show unfiltered.
 */
export const ACTIVITY_TYPES = {
  charge: { label: 'Charges', categories: ['charge'] },
  refund: { label: 'Refunds', categories: ['refund', 'refund_failure'] },
  dispute: { label: 'Disputes', categories: ['dispute', 'dispute_reversal'] },
  payout: { label: 'Payouts', categories: ['payout', 'payout_reversal'] },
  fee: { label: 'Fees and adjustments', categories: ['fee', 'other_adjustment'] },
} as const;
export type ActivityType = keyof typeof ACTIVITY_TYPES;
const TYPE_NAMES = Object.keys(ACTIVITY_TYPES) as [ActivityType, ...ActivityType[]];

/** The balance activity report's view, as it appears in the URL. */
export interface BalanceFilters {
  /** Inclusive days, YYYY-MM-DD, in UTC (as the orders list reads them). */
  from?: string;
  to?: string;
  type?: ActivityType;
  /** ISO 4217, lower case as Stripe writes it. */
  currency?: string;
  /** A Stripe payout id (po_...): the transactions it paid out. */
  payout?: string;
}

const FILTER_KEYS = ['from', 'to', 'type', 'currency', 'payout'] as const;

// Each field says what it expects; zod reports every bad field at once.
const dayOf = (field: string) =>
  z.iso
    .date({ error: `${field} must be a date such as 2025-03-31.` })
    .refine(isFilterableDay, { error: `${field} must be in a year from 0001 to 9998.` });

const filtersSchema = z
  .strictObject({
    from: dayOf('From').optional(),
    to: dayOf('To').optional(),
    type: z.enum(TYPE_NAMES, { error: `Type must be one of ${TYPE_NAMES.join(', ')}.` }).optional(),
    currency: z
      .string()
      .regex(/^[a-z]{3}$/, { error: 'Currency must be a three-letter code such as usd or eur.' })
      .optional(),
    payout: z
      .string()
      .regex(/^po_\w{1,250}$/, {
        error: 'Payout must be a Stripe payout id such as po_1Nv0aX2eZvKYlo2C.',
      })
      .optional(),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    error: 'From must be on or before To.',
    // Checked beside another field's error too (zod skips it by default), once both days read.
    when: ({ value }) => {
      const { from, to } = value as { from?: unknown; to?: unknown };
      return filterDay.safeParse(from).success && filterDay.safeParse(to).success;
    },
  });

export type BalanceFiltersResult =
  | { ok: true; filters: BalanceFilters }
  /** `typed` is what the URL held, for the form to show back beside the messages. */
  | { ok: false; errors: string[]; typed: Record<string, string> };

/**
 * Reads the filters from the URL, strictly: a malformed value, a repeated parameter or a range
 * that ends before it starts is an error with a message saying what is expected (never a 500,
 * never a filter silently dropped, which would show or export more than was asked for). An empty
 * value, as a GET form sends for a field left blank, is no filter.
 */
export function parseBalanceFilters(params: ListParams): BalanceFiltersResult {
  const typed: Record<string, string> = {};
  const errors: string[] = [];
  for (const key of FILTER_KEYS) {
    const values = paramValues(params, key)
      .map((value) => value.trim())
      .filter(Boolean);
    if (values.length > 1) errors.push(`Give one ${key}, not ${values.length}.`);
    if (values[0] !== undefined) typed[key] = values[0].slice(0, 300);
  }
  const parsed = filtersSchema.safeParse({ ...typed, currency: typed.currency?.toLowerCase() });
  if (!parsed.success) errors.push(...parsed.error.issues.map((issue) => issue.message));
  if (!parsed.success || errors.length > 0) return { ok: false, errors, typed };
  return { ok: true, filters: parsed.data };
}

/** The same filters as URL parameters (for the form, pagination and the CSV export). */
export function balanceFilterParams(filters: BalanceFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function hasBalanceFilters(filters: BalanceFilters): boolean {
  return balanceFilterParams(filters).size > 0;
}

/** Where a filter reads its values: the transactions themselves, or their daily totals. */
interface FilteredColumns {
  days: (from?: string, to?: string) => SQL[];
  reportingCategory: PgColumn;
  currency: PgColumn;
}

/** The conditions of every filter but the payout, which only the transactions hold. */
function filterConditions(filters: BalanceFilters, columns: FilteredColumns): SQL[] {
  const conditions = columns.days(filters.from, filters.to);
  if (filters.type)
    conditions.push(
      inArray(columns.reportingCategory, [...ACTIVITY_TYPES[filters.type].categories]),
    );
  if (filters.currency) conditions.push(eq(columns.currency, filters.currency));
  return conditions;
}

/** The WHERE clause for the filters; shared by the page, its totals and the export so all agree. */
export function balanceFilterWhere(filters: BalanceFilters): SQL | undefined {
  const bt = balanceTransactions;
  const conditions = filterConditions(filters, {
    days: (from, to) => dayRangeWhere(bt.created, from, to),
    reportingCategory: bt.reportingCategory,
    currency: bt.currency,
  });
  if (filters.payout) conditions.push(eq(bt.payoutId, filters.payout));
  return and(...conditions);
}

// The filters balance_daily_totals can answer: its rows are whole UTC days of one currency and
// reporting category. Any other filter (a payout, or one added later) needs the transactions.
const DAILY_TOTALS_KEYS: ReadonlySet<string> = new Set(['from', 'to', 'type', 'currency']);

/**
 * The same filters on balance_daily_totals, as `{ where }`; undefined when a filter needs the
 * transactions' own columns.
 */
export function dailyTotalsFilterWhere(filters: BalanceFilters): { where?: SQL } | undefined {
  if (FILTER_KEYS.some((key) => filters[key] && !DAILY_TOTALS_KEYS.has(key))) return undefined;
  const totals = balanceDailyTotals;
  const conditions = filterConditions(filters, {
    days: (from, to) => dayColumnRangeWhere(totals.day, from, to),
    reportingCategory: totals.reportingCategory,
    currency: totals.currency,
  });
  return { where: and(...conditions) };
}
