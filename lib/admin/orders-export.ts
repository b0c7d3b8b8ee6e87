import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { orders, type PostalAddress } from '@/db/schema';
import { env } from '@/lib/env';
import { formatDecimal } from '@/lib/money';
import { itemCountSql } from '@/lib/orders/queries';
import { postalAddressLines } from '@/lib/orders/postal-address';
import { csvRow, csvTime } from './csv';
import { csvStream } from './csv-export';
import { orderFilterWhere, type OrderFilters } from './order-filters';
import { listOrdering } from './order-list';

/** The export's columns: each with the value it selects and how that value becomes a cell. */
const COLUMNS = {
  number: { select: orders.number },
  created_at: { select: orders.createdAt, cell: time },
  status: { select: orders.status },
  dispute_status: { select: orders.disputeStatus },
  email: { select: orders.email },
  customer_name: { select: orders.customerName },
  items: { select: itemCountSql },
  currency: { select: orders.currency },
  subtotal: { select: orders.amountSubtotal, cell: amount },
  total: { select: orders.amountTotal, cell: amount },
  refunded: { select: orders.amountRefunded, cell: amount },
  paid_at: { select: orders.paidAt, cell: time },
  stripe_payment_intent: { select: orders.stripePaymentIntentId },
  fulfilment_status: { select: orders.fulfilmentStatus },
  carrier: { select: orders.shippingCarrier },
  tracking_number: { select: orders.trackingNumber },
  shipped_at: { select: orders.shippedAt, cell: time },
  shipping_name: { select: orders.shippingName },
  // One cell, the address's lines joined as a label would print them.
  shipping_address: {
    select: orders.shippingAddress,
    cell: (value: unknown) => postalAddressLines(value as PostalAddress | null).join(', ') || null,
  },
  // The address's country; before one was collected, the country the cart's rates were for.
  shipping_country: {
    select: sql<
      string | null
    >`coalesce(${orders.shippingAddress}->>'country', ${orders.shippingCountry})`,
  },
  shipping_rate: { select: orders.shippingRateName },
  discount: { select: orders.amountDiscount, cell: amount },
  promotion_code: { select: orders.promotionCode },
  shipping: { select: orders.amountShipping, cell: amount },
  tax: { select: orders.amountTax, cell: amount },
} satisfies Record<
  string,
  { select: unknown; cell?: (value: unknown, currency: string) => string | number | null }
>;

const HEADER = Object.keys(COLUMNS);
const CELLS = Object.values(COLUMNS).map((column) => ('cell' in column ? column.cell : undefined));
const CURRENCY = HEADER.indexOf('currency');

function time(value: unknown): string | null {
  return value === null ? null : csvTime(value as Date | string);
}

/** Amounts as plain decimals in the order's currency ("20.00"), as every amount column. */
function amount(value: unknown, currency: string): string {
  return formatDecimal(value as number, currency);
}

/**
 * Exactly the filtered orders as CSV, in the list's order, streamed with flat memory (csvStream).
 */
export function ordersCsvStream(
  filters: OrderFilters,
  options: { stallSeconds?: number } = {},
): ReadableStream<Uint8Array> {
  const query = db()
    .select(
      Object.fromEntries(Object.entries(COLUMNS).map(([name, column]) => [name, column.select])),
    )
    .from(orders)
    .where(orderFilterWhere(filters, env().STORE_CURRENCY))
    .orderBy(...listOrdering(filters).forward.order)
    .toSQL();
  return csvStream(query, HEADER, csvLine, options);
}

function csvLine(row: unknown[]): string {
  const currency = row[CURRENCY] as string;
  return csvRow(
    row.map((value, index) => {
      const cell = CELLS[index];
      if (cell) return cell(value, currency);
      return value as string | number | null;
    }),
  );
}
