import {
  and,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { fulfilmentStatus, orders, orderStatus, type OrderStatus } from '@/db/schema';
import { env } from '@/lib/env';
import { amountInputHint, parseMajorAmount } from '@/lib/money';
import { SHIPPABLE_STATUSES } from '@/lib/shipments/state';
import { dayRangeWhere, filterDay, paramValues, type ListParams } from './list-params';

/** The orders list's view, as it appears in the URL so a view can be bookmarked and shared. */
export interface OrderFilters {
  statuses: OrderStatus[];
  /** Where the goods are; 'none' is an order with nothing to ship. */
  fulfilment?: FulfilmentFilter[];
  /**
   * 'packing': "Paid, not shipped", the packing list: paid or partially refunded orders waiting to
   * ship, oldest payment first (the list's own order; `sort` does not apply).
   */
  view?: 'packing';
  /** Inclusive days, YYYY-MM-DD, in UTC. */
  from?: string;
  to?: string;
  /** An order number ("1042", "#1042"), an email, or part of one. */
  q?: string;
  /** Order total bounds in major units of the store currency ("10", "99.50"). */
  min?: string;
  max?: string;
  /** Newest first unless 'oldest'. */
  sort?: 'oldest';
}

export const FULFILMENT_FILTERS = [...fulfilmentStatus.enumValues, 'none'] as const;
export type FulfilmentFilter = (typeof FULFILMENT_FILTERS)[number];

/** What the URL held that the list could not use, each named, for the page to show. */
export interface ReadOrderFilters {
  filters: OrderFilters;
  ignored: string[];
}

/**
 * Reads filters from the URL; anything malformed or beyond what the columns hold (an amount over
 * MAX_AMOUNT in `currency`, the store's) is dropped, never an error page, and named in `ignored`
 * so the page says which part of the link it did not apply.
 */
export function readOrderFilters(
  params: ListParams,
  currency: string = env().STORE_CURRENCY,
): ReadOrderFilters {
  const ignored: string[] = [];
  const shown = (value: string) => JSON.stringify(value.slice(0, 60));
  const one = (key: string) => paramValues(params, key)[0]?.trim() || undefined;
  const valid = (label: string, value: string | undefined) => {
    if (value === undefined || filterDay.safeParse(value).success) return value;
    ignored.push(`${label} ${shown(value)} is not a date such as 2025-03-31.`);
    return undefined;
  };
  const amount = (label: string, value: string | undefined) => {
    if (value === undefined || parseMajorAmount(value, currency) !== null) return value;
    ignored.push(`${label} ${shown(value)}: ${amountInputHint(currency)}`);
    return undefined;
  };
  /** Every value of a repeatable parameter (?status=a&status=b, or a,b) that is one of `allowed`. */
  const listOf = <T extends string>(key: string, allowed: readonly T[], what: string): T[] => {
    const values = paramValues(params, key).flatMap((value) => value.split(','));
    const known = values.filter((value): value is T =>
      (allowed as readonly string[]).includes(value),
    );
    for (const value of values)
      if (value.trim() !== '' && !known.includes(value as T))
        ignored.push(`${shown(value)} is not ${what} (${allowed.join(', ')}).`);
    return [...new Set(known)];
  };
  // Read in the form's order, so the messages come in the order the form shows the fields.
  const statuses = listOf('status', orderStatus.enumValues, 'an order status');
  const fulfilment = listOf('fulfilment', FULFILMENT_FILTERS, 'a fulfilment status');
  const view = one('view');
  if (view !== undefined && view !== 'packing')
    ignored.push(
      `View ${shown(view)} is not a view; the one view is "packing" (Paid, not shipped).`,
    );
  const from = valid('From', one('from'));
  const to = valid('To', one('to'));
  const min = amount('Min total', one('min'));
  const max = amount('Max total', one('max'));
  const sort = one('sort');
  if (sort !== undefined && sort !== 'oldest')
    ignored.push(
      `Sort ${shown(sort)} is not a sort; leave it out for newest first, or use "oldest".`,
    );
  const filters: OrderFilters = {
    statuses,
    fulfilment,
    view: view === 'packing' ? 'packing' : undefined,
    from,
    to,
    q: one('q')?.slice(0, 320),
    min,
    max,
    sort: sort === 'oldest' ? 'oldest' : undefined,
  };
  // A link with hundreds of bad values needs only the first few named.
  return { filters, ignored: ignored.slice(0, 10) };
}

/** readOrderFilters without what it ignored: for callers that only apply the filters (the export). */
export function parseOrderFilters(
  params: ListParams,
  currency: string = env().STORE_CURRENCY,
): OrderFilters {
  return readOrderFilters(params, currency).filters;
}

/** The same filters as URL parameters (for links, pagination and the CSV export). */
export function orderFilterParams(filters: OrderFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filters.statuses) params.append('status', status);
  for (const fulfilment of filters.fulfilment ?? []) params.append('fulfilment', fulfilment);
  for (const key of ['view', 'from', 'to', 'q', 'min', 'max', 'sort'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function hasFilters(filters: OrderFilters): boolean {
  return orderFilterParams({ ...filters, sort: undefined }).size > 0;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The WHERE clause for the filters; shared by the list and the export so they always agree. */
export function orderFilterWhere(filters: OrderFilters, currency: string): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.statuses.length > 0) conditions.push(inArray(orders.status, filters.statuses));
  const fulfilment = filters.fulfilment ?? [];
  if (fulfilment.length > 0) {
    const statuses = fulfilment.filter((value) => value !== 'none');
    conditions.push(
      or(
        statuses.length > 0 ? inArray(orders.fulfilmentStatus, statuses) : undefined,
        fulfilment.includes('none') ? isNull(orders.fulfilmentStatus) : undefined,
      )!,
    );
  }
  if (filters.view === 'packing') {
    // The packing list, on orders_unfulfilled_paid_at_idx. A paid order always has paid_at (set
    // with the payment, lib/orders/state.ts); the list pages by it, so it must not be null.
    conditions.push(
      eq(orders.fulfilmentStatus, 'unfulfilled'),
      inArray(orders.status, [...SHIPPABLE_STATUSES]),
      isNotNull(orders.paidAt),
    );
  }
  conditions.push(...dayRangeWhere(orders.createdAt, filters.from, filters.to));
  if (filters.q) {
    const number = /^#?(\d{1,9})$/.exec(filters.q);
    // A whole address matches exactly (case-insensitively, on its own index); part of one, anywhere.
    const isWholeEmail = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(filters.q);
    conditions.push(
      number
        ? eq(orders.number, Number(number[1]))
        : isWholeEmail
          ? sql`lower(${orders.email}) = ${filters.q.toLowerCase()}`
          : ilike(orders.email, `%${escapeLike(filters.q)}%`),
    );
  }
  const min = filters.min === undefined ? null : parseMajorAmount(filters.min, currency);
  const max = filters.max === undefined ? null : parseMajorAmount(filters.max, currency);
  if (min !== null) conditions.push(gte(orders.amountTotal, min));
  if (max !== null) conditions.push(lte(orders.amountTotal, max));
  return conditions.length > 0 ? and(...conditions) : undefined;
}
