import { gte, lt, lte, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';

/** An admin list's URL parameters, as a page (a record) or a route handler (URLSearchParams) has them. */
export type ListParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Every value of `key`, in order: a repeated parameter (?status=a&status=b) gives several. */
export function paramValues(params: ListParams, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Whether a YYYY-MM-DD day can bound a date filter: a year Postgres can hold with the day after
 * (a range ends before the next day), 0001 to 9998.
 */
export function isFilterableDay(value: string): boolean {
  return value >= '0001-01-01' && value <= '9998-12-31';
}

/** A day of a date filter, YYYY-MM-DD, in UTC. */
export const filterDay = z.iso.date().refine(isFilterableDay);

/** `column` within the inclusive UTC days `from` and `to` (either may be absent). */
export function dayRangeWhere(column: PgColumn, from?: string, to?: string): SQL[] {
  const conditions: SQL[] = [];
  if (from) conditions.push(gte(column, new Date(`${from}T00:00:00Z`)));
  if (to) {
    const end = new Date(`${to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    conditions.push(lt(column, end));
  }
  return conditions;
}

/** The same inclusive UTC days on a column that holds the UTC day itself (a date, not an instant). */
export function dayColumnRangeWhere(column: PgColumn, from?: string, to?: string): SQL[] {
  const conditions: SQL[] = [];
  if (from) conditions.push(gte(column, from));
  if (to) conditions.push(lte(column, to));
  return conditions;
}
