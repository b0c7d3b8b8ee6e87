import { itemCountSql } from '@/lib/orders/queries';
import { isUuid } from '@/lib/platform/identifiers';
import { and, asc, desc, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type FulfilmentStatus, type OrderStatus } from '@/db/schema';
import { env } from '@/lib/env';
import { decodeCursor, encodeCursor, type Cursor } from './keyset-cursor';
import { orderFilterWhere, type OrderFilters } from './order-filters';

export const ORDERS_PAGE_SIZE = 50;

export interface OrderRow {
  id: string;
  number: number;
  status: OrderStatus;
  isDisputed: boolean;
  fulfilmentStatus: FulfilmentStatus | null;
  createdAt: Date;
  paidAt: Date | null;
  email: string | null;
  customerName: string | null;
  currency: string;
  amountTotal: number;
  amountRefunded: number;
  itemCount: number;
}

/** The columns of an OrderRow: the orders list's, and a customer's orders (lib/admin/customers.ts). */
export const ORDER_ROW_COLUMNS = {
  id: orders.id,
  number: orders.number,
  status: orders.status,
  isDisputed: sql<boolean>`(${orders.disputeStatus} IS NOT NULL)`,
  fulfilmentStatus: orders.fulfilmentStatus,
  createdAt: orders.createdAt,
  paidAt: orders.paidAt,
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

// The packing list: paid oldest first, ties by id, the order orders_unfulfilled_paid_at_idx reads
// forwards (its default ASC NULLS LAST); backwards for the previous page. Its rows' paid_at is
// never null (lib/admin/order-filters.ts), so the cursor always has a time.
const PAID_OLDEST_FIRST = [sql`${orders.paidAt} ASC NULLS LAST`, asc(orders.id)];
const PAID_NEWEST_FIRST = [sql`${orders.paidAt} DESC NULLS FIRST`, desc(orders.id)];

function paidAfter({ createdAt: paidAt, id }: Cursor): SQL {
  const at = sql`${paidAt}::timestamptz`;
  return and(sql`${orders.paidAt} >= ${at}`, or(gt(orders.paidAt, at), gt(orders.id, id)))!;
}

function paidBefore({ createdAt: paidAt, id }: Cursor): SQL {
  const at = sql`${paidAt}::timestamptz`;
  return and(sql`${orders.paidAt} <= ${at}`, or(lt(orders.paidAt, at), lt(orders.id, id)))!;
}

interface Walk {
  order: SQL[];
  beyond: (cursor: Cursor) => SQL;
}

/**
 * How the filtered list is ordered: both ways of walking it (the next page forwards, the previous
 * one backwards) and the timestamp its cursor holds. The export uses `forward.order`.
 */
export function listOrdering(filters: OrderFilters): {
  forward: Walk;
  backward: Walk;
  at: SQL<string>;
} {
  if (filters.view === 'packing')
    return {
      forward: { order: PAID_OLDEST_FIRST, beyond: paidAfter },
      backward: { order: PAID_NEWEST_FIRST, beyond: paidBefore },
      at: sql<string>`${orders.paidAt}::text`,
    };
  const newest = { order: NEWEST_FIRST, beyond: olderThan };
  const oldest = { order: OLDEST_FIRST, beyond: newerThan };
  const isOldestFirst = filters.sort === 'oldest';
  return {
    forward: isOldestFirst ? oldest : newest,
    backward: isOldestFirst ? newest : oldest,
    at: sql<string>`${orders.createdAt}::text`,
  };
}

export interface OrderPage {
  rows: OrderRow[];
  /** Cursors for the neighbouring pages in the list's order, when there are any. */
  next?: string;
  previous?: string;
}

/**
 * One page of the filtered list by keyset (no OFFSET: page 20,000 costs the same as page 1),
 * newest or oldest first, or the packing list's oldest payment first; each way is a scan of one
 * index, forwards or backwards.
 */
export async function listOrders(
  filters: OrderFilters,
  page: { after?: string; before?: string } = {},
  limit = ORDERS_PAGE_SIZE,
): Promise<OrderPage> {
  const where = orderFilterWhere(filters, env().STORE_CURRENCY);
  const { forward, backward, at } = listOrdering(filters);
  const after = decodeCursor(page.after, isUuid);
  const before = after ? undefined : decodeCursor(page.before, isUuid);
  const direction = before ? backward : forward;
  const cursor = after ?? before;
  const fetched = await db()
    .select({ ...ORDER_ROW_COLUMNS, cursorAt: at })
    .from(orders)
    .where(and(where, cursor && direction.beyond(cursor)))
    .orderBy(...direction.order)
    .limit(limit + 1);
  if (before) fetched.reverse();

  const hasMore = fetched.length > limit;
  const rows = before ? fetched.slice(hasMore ? 1 : 0) : fetched.slice(0, limit);
  const cursorOf = (row: (typeof fetched)[number] | undefined) =>
    row && encodeCursor({ createdAt: row.cursorAt, id: row.id });
  const first = cursorOf(rows[0]);
  const last = cursorOf(rows.at(-1));
  return {
    rows: rows.map(({ cursorAt: _at, ...row }) => row),
    next: before || hasMore ? last : undefined,
    previous: before ? (hasMore ? first : undefined) : after ? first : undefined,
  };
}
