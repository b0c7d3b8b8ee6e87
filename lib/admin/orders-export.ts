import { db } from '@/db/client';
import { orders } from '@/db/schema';
import { env } from '@/lib/env';
import { formatDecimal } from '@/lib/money';
import { csvRow, csvTime } from './csv';
import { csvStream } from './csv-export';
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

/**
 * Exactly the filtered orders as CSV, in the list's order, streamed with flat memory (csvStream).
 */
export function ordersCsvStream(
  filters: OrderFilters,
  options: { stallSeconds?: number } = {},
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
  return csvStream(query, HEADER, csvLine, options);
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
    csvTime(createdAt),
    status,
    dispute,
    email,
    name,
    items,
    currency,
    formatDecimal(subtotal, currency),
    formatDecimal(total, currency),
    formatDecimal(refunded, currency),
    paidAt === null ? null : csvTime(paidAt),
    intent,
  ]);
}
