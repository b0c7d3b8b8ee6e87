// Stripe's list envelope and cursor paging. Lists are newest first; `starting_after` pages toward
// older objects, `ending_before` toward newer ones, and both keep the newest-first order in `data`.
import type Stripe from 'stripe';
import { invalidRequest } from './errors';
import { integer, string, type RangeFilter, type Rule } from './params';

export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

export const listRules: Record<string, Rule> = {
  limit: integer({ min: 1, max: 100 }),
  starting_after: string(),
  ending_before: string(),
};

export function paginate<T extends { id: string }>(
  newestFirst: T[],
  params: ListParams,
  url: string,
  objectName: string,
): Stripe.ApiList<T> {
  const limit = params.limit ?? 10;
  const cursorIndex = (param: 'starting_after' | 'ending_before', id: string): number => {
    const index = newestFirst.findIndex((item) => item.id === id);
    if (index < 0)
      throw invalidRequest(`No such ${objectName}: '${id}'`, param, 'resource_missing');
    return index;
  };
  if (params.starting_after !== undefined) {
    const from = cursorIndex('starting_after', params.starting_after) + 1;
    const data = newestFirst.slice(from, from + limit);
    return { object: 'list', data, has_more: from + limit < newestFirst.length, url };
  }
  if (params.ending_before !== undefined) {
    const end = cursorIndex('ending_before', params.ending_before);
    const start = Math.max(0, end - limit);
    return { object: 'list', data: newestFirst.slice(start, end), has_more: start > 0, url };
  }
  return {
    object: 'list',
    data: newestFirst.slice(0, limit),
    has_more: newestFirst.length > limit,
    url,
  };
}

/** Newest first: Maps keep insertion order, which is creation order. */
export function newestFirst<T>(items: Iterable<T>, keep: (item: T) => boolean = () => true): T[] {
  const result: T[] = [];
  for (const item of items) if (keep(item)) result.push(item);
  return result.reverse();
}

export function inRange(value: number, filter: number | RangeFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'number') return value === filter;
  if (filter.gt !== undefined && !(value > filter.gt)) return false;
  if (filter.gte !== undefined && !(value >= filter.gte)) return false;
  if (filter.lt !== undefined && !(value < filter.lt)) return false;
  if (filter.lte !== undefined && !(value <= filter.lte)) return false;
  return true;
}
