import { and, eq, gte, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { orders, orderStatus, type OrderStatus } from '@/db/schema';
import { env } from '@/lib/env';
import { parseMajorAmount } from '@/lib/money';
import { dayRangeWhere, filterDay, paramValues, type ListParams } from './list-params';

/** The orders list's view, as it appears in the URL so a view can be bookmarked and shared. */
export interface OrderFilters {
  statuses: OrderStatus[];
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

/**
 * Reads filters from the URL; anything malformed or beyond what the columns hold (an amount over
 * MAX_AMOUNT in `currency`, the store's) is dropped, never an error page.
 */
export function parseOrderFilters(
  params: ListParams,
  currency: string = env().STORE_CURRENCY,
): OrderFilters {
  const one = (key: string) => paramValues(params, key)[0]?.trim() || undefined;
  const valid = (schema: z.ZodType, value: string | undefined) =>
    value !== undefined && schema.safeParse(value).success ? value : undefined;
  const amount = (value: string | undefined) =>
    value !== undefined && parseMajorAmount(value, currency) !== null ? value : undefined;
  const statuses = paramValues(params, 'status')
    .flatMap((value) => value.split(','))
    .filter((value): value is OrderStatus => (orderStatus.enumValues as string[]).includes(value));
  return {
    statuses: [...new Set(statuses)],
    from: valid(filterDay, one('from')),
    to: valid(filterDay, one('to')),
    q: one('q')?.slice(0, 320),
    min: amount(one('min')),
    max: amount(one('max')),
    sort: one('sort') === 'oldest' ? 'oldest' : undefined,
  };
}

/** The same filters as URL parameters (for links, pagination and the CSV export). */
export function orderFilterParams(filters: OrderFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filters.statuses) params.append('status', status);
  for (const key of ['from', 'to', 'q', 'min', 'max', 'sort'] as const) {
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
