import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { env } from '@/lib/env';
import { formatDecimal } from '@/lib/money';
import { csvRow } from './csv';
import { orderFilterWhere, type OrderFilters } from './order-filters';
import { itemCountSql } from '@/lib/orders/queries';
import { NEWEST_FIRST, OLDEST_FIRST } from './order-list';

const HEADER = [
  'number',
  'created_at',
  'status',
  'dispute_status',
  'email',
  'customer_name',
  'items',
  'currency',
  'subtotal',
  'total',
  'refunded',
  'paid_at',
  'stripe_payment_intent',
];

// Rows per round trip: large enough to be fast, small enough that memory stays flat.
const BATCH = 2000;

/**
 * Exactly the filtered orders as CSV, in the list's order, streamed from a server-side cursor: a million
 * rows go out in batches and the process holds one batch at a time. The stream pulls the next
 * batch only when the client has taken the last one.
 *
 * The cursor keeps one pool connection for itself until the last row, so a client that stops
 * reading would keep it forever (a few stalled downloads empty the pool and the store stops
 * answering). When nothing is pulled for `stallSeconds` the export ends with an error and the
 * connection goes back; a client that is reading, however slowly, keeps pulling.
 */
export function ordersCsvStream(
  filters: OrderFilters,
  { stallSeconds = env().CSV_EXPORT_STALL_SECONDS }: { stallSeconds?: number } = {},
): ReadableStream<Uint8Array> {
  const query = db()
    .select({
      number: orders.number,
      createdAt: orders.createdAt,
      status: orders.status,
      disputeStatus: orders.disputeStatus,
      email: orders.email,
      customerName: orders.customerName,
      itemCount: itemCountSql,
      currency: orders.currency,
      amountSubtotal: orders.amountSubtotal,
      amountTotal: orders.amountTotal,
      amountRefunded: orders.amountRefunded,
      paidAt: orders.paidAt,
      stripePaymentIntentId: orders.stripePaymentIntentId,
    })
    .from(orders)
    .where(orderFilterWhere(filters, env().STORE_CURRENCY))
    .orderBy(...(filters.sort === 'oldest' ? OLDEST_FIRST : NEWEST_FIRST))
    .toSQL();
  // Drizzle builds the query; postgres.js runs it as a cursor (Drizzle has no streaming API).
  const cursor = db()
    .$client.unsafe(query.sql, query.params as never[])
    .values()
    .cursor(BATCH)
    [Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let isHeaderSent = false;
  let stall: ReturnType<typeof setTimeout> | undefined;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      clearTimeout(stall);
      if (!isHeaderSent) {
        isHeaderSent = true;
        controller.enqueue(encoder.encode(csvRow(HEADER)));
      } else {
        const next = await cursor.next();
        if (next.done) {
          controller.close();
          return;
        }
        let chunk = '';
        for (const row of next.value as unknown[][]) chunk += csvLine(row);
        controller.enqueue(encoder.encode(chunk));
      }
      stall = setTimeout(() => {
        controller.error(new Error(`CSV export: the client took nothing for ${stallSeconds} s`));
        void cursor.return?.();
      }, stallSeconds * 1000);
    },
    async cancel() {
      clearTimeout(stall);
      await cursor.return?.();
    },
  });
}

function csvLine(row: unknown[]): string {
  const [
    number,
    createdAt,
    status,
    dispute,
    email,
    name,
    items,
    currency,
    subtotal,
    total,
    refunded,
    paidAt,
    intent,
  ] = row as [
    number,
    Date | string,
    string,
    string | null,
    string | null,
    string | null,
    number,
    string,
    number,
    number,
    number,
    Date | string | null,
    string | null,
  ];
  return csvRow([
    number,
    isoTime(createdAt),
    status,
    dispute,
    email,
    name,
    items,
    currency,
    formatDecimal(subtotal, currency),
    formatDecimal(total, currency),
    formatDecimal(refunded, currency),
    paidAt === null ? null : isoTime(paidAt),
    intent,
  ]);
}

function isoTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
