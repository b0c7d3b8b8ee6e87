import { itemCountSql } from '@/lib/orders/queries';
import { isUuid } from '@/lib/platform/identifiers';
import { and, asc, desc, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type OrderStatus } from '@/db/schema';
import { env } from '@/lib/env';
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

/**
 * A position in the list: the row's created_at exactly as Postgres prints it (microseconds; a JS
 * Date would round to milliseconds and skip rows) and its id, which breaks ties.
 */
interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

/** A cursor from the URL, or undefined for anything this module did not write (never a 500). */
export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value || value.length > 200) return undefined;
  const [createdAt, id, ...rest] = Buffer.from(value, 'base64url').toString().split('|');
  const isValid =
    rest.length === 0 && createdAt && id && isPostgresTimestamp(createdAt) && isUuid(id);
  return isValid ? { createdAt, id } : undefined;
}

const TIMESTAMPTZ_TEXT =
  /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,6})?[+-](\d\d)(:[0-5]\d){0,2}$/;

/**
 * Whether `text` is a timestamptz as Postgres prints it ("2025-03-10 12:34:56.123456+00") and one
 * Postgres will read back: a real calendar day (no 30 February), hours below 24, year 1 to 9999.
 * The cast in the query would otherwise fail the whole page.
 */
function isPostgresTimestamp(text: string): boolean {
  const match = TIMESTAMPTZ_TEXT.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second, , offset] = match.slice(1).map(Number) as number[];
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  return (
    year! >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! < 24 &&
    minute! < 60 &&
    second! < 60 &&
    offset! <= 15
  );
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
  const after = decodeCursor(page.after);
  const before = after ? undefined : decodeCursor(page.before);
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
