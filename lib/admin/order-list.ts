import { itemCountSql } from '@/lib/orders/queries';
import { isUuid } from '@/lib/platform/identifiers';
import { and, asc, desc, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type OrderStatus } from '@/db/schema';
import { env } from '@/lib/env';
import { decodeCursor, encodeCursor, type Cursor } from './keyset-cursor';
import { orderFilterWhere, type OrderFilters } from './order-filters';

export const ORDERS_PAGE_SIZE = 50;

export interface OrderRow {
  id: string;
  number: number;
  status: OrderStatus;
  isDisputed: boolean;
  createdAt: Date;
  email: string | null;
  customerName: string | null;
  currency: string;
  amountTotal: number;
  amountRefunded: number;
  itemCount: number;
}

const columns = {
  id: orders.id,
  number: orders.number,
  status: orders.status,
  isDisputed: sql<boolean>`(${orders.disputeStatus} IS NOT NULL)`,
  createdAt: orders.createdAt,
  createdAtText: sql<string>`${orders.createdAt}::text`,
  email: orders.email,
  customerName: orders.customerName,
  currency: orders.currency,
  amountTotal: orders.amountTotal,
  amountRefunded: orders.amountRefunded,
  itemCount: itemCountSql,
};

// Newest first, ties by id. The ORDER BY must match orders_created_at_id_idx exactly, NULLS LAST
// included (Postgres's DESC default is NULLS FIRST), or Postgres sorts the whole table instead.
export const NEWEST_FIRST = [sql`${orders.createdAt} DESC NULLS LAST`, asc(orders.id)];
export const OLDEST_FIRST = [sql`${orders.createdAt} ASC NULLS FIRST`, desc(orders.id)];

function olderThan({ createdAt, id }: Cursor): SQL {
  const at = sql`${createdAt}::timestamptz`;
  return and(sql`${orders.createdAt} <= ${at}`, or(lt(orders.createdAt, at), gt(orders.id, id)))!;
}

function newerThan({ createdAt, id }: Cursor): SQL {
  const at = sql`${createdAt}::timestamptz`;
  return and(sql`${orders.createdAt} >= ${at}`, or(gt(orders.createdAt, at), lt(orders.id, id)))!;
}

export interface OrderPage {
  rows: OrderRow[];
  /** Cursors for the neighbouring pages in the list's order, when there are any. */
  next?: string;
  previous?: string;
}

/**
 * One page of the filtered list by keyset (no OFFSET: page 20,000 costs the same as page 1),
 * newest or oldest first; both orders are a scan of the same index, forwards or backwards.
 */
export async function listOrders(
  filters: OrderFilters,
  page: { after?: string; before?: string } = {},
  limit = ORDERS_PAGE_SIZE,
): Promise<OrderPage> {
  const where = orderFilterWhere(filters, env().STORE_CURRENCY);
  const isOldestFirst = filters.sort === 'oldest';
  const forward = isOldestFirst
    ? { order: OLDEST_FIRST, beyond: newerThan }
    : { order: NEWEST_FIRST, beyond: olderThan };
  const backward = isOldestFirst
    ? { order: NEWEST_FIRST, beyond: olderThan }
    : { order: OLDEST_FIRST, beyond: newerThan };
  const after = decodeCursor(page.after, isUuid);
  const before = after ? undefined : decodeCursor(page.before, isUuid);
  const direction = before ? backward : forward;
  const cursor = after ?? before;
  const fetched = await db()
    .select(columns)
    .from(orders)
    .where(and(where, cursor && direction.beyond(cursor)))
    .orderBy(...direction.order)
    .limit(limit + 1);
  if (before) fetched.reverse();

  const hasMore = fetched.length > limit;
  const rows = before ? fetched.slice(hasMore ? 1 : 0) : fetched.slice(0, limit);
  const cursorOf = (row: (typeof fetched)[number] | undefined) =>
    row && encodeCursor({ createdAt: row.createdAtText, id: row.id });
  const first = cursorOf(rows[0]);
  const last = cursorOf(rows.at(-1));
  return {
    rows: rows.map(({ createdAtText: _text, ...row }) => row),
    next: before || hasMore ? last : undefined,
    previous: before ? (hasMore ? first : undefined) : after ? first : undefined,
  };
}
