import { db } from '@/db/client';
import { balanceTransactions, orders } from '@/db/schema';
import { formatDecimal } from '@/lib/money';
import { csvRow, csvTime, type CsvDecimal } from './csv';
import { csvStream } from './csv-export';
import { balanceFilterWhere, type BalanceFilters } from './balance-filters';
import {
  ACTIVITY_ORDER,
  activityTypeLabel,
  balanceStatus,
  orderOfTransaction,
} from './balance-report';

const HEADER = [
  'id',
  'created',
  'type',
  'reporting_category',
  'description',
  'currency',
  'amount',
  'fee',
  'net',
  'available_on',
  'status',
  'payout',
  'order_number',
  'payment_intent',
  'source',
];

const bt = balanceTransactions;

/**
 * Exactly the filtered balance activity as CSV, in the report's order (newest first), streamed
 * with flat memory (csvStream). Amounts are plain decimals in major units that a spreadsheet sums
 * to the report's totals; the status is as of the moment the export started.
 */
export function balanceActivityCsvStream(
  filters: BalanceFilters,
  options: { stallSeconds?: number; now?: Date } = {},
): ReadableStream<Uint8Array> {
  const now = options.now ?? new Date();
  const query = db()
    .select({
      id: bt.id,
      created: bt.created,
      reportingCategory: bt.reportingCategory,
      description: bt.description,
      currency: bt.currency,
      amount: bt.amount,
      fee: bt.fee,
      net: bt.net,
      availableOn: bt.availableOn,
      payoutId: bt.payoutId,
      orderNumber: orders.number,
      paymentIntentId: bt.paymentIntentId,
      sourceId: bt.sourceId,
    })
    .from(bt)
    .leftJoin(orders, orderOfTransaction)
    .where(balanceFilterWhere(filters))
    .orderBy(...ACTIVITY_ORDER)
    .toSQL();
  return csvStream(query, HEADER, (row) => csvLine(row, now), options);
}

function csvLine(row: unknown[], now: Date): string {
  const [
    id,
    created,
    category,
    description,
    currency,
    amount,
    fee,
    net,
    availableOn,
    payout,
    orderNumber,
    paymentIntent,
    source,
  ] = row as [
    string,
    Date | string,
    string,
    string | null,
    string,
    number | string,
    number | string,
    number | string,
    Date | string,
    string | null,
    number | null,
    string | null,
    string | null,
  ];
  const available = availableOn instanceof Date ? availableOn : new Date(availableOn);
  return csvRow([
    id,
    csvTime(created),
    activityTypeLabel(category),
    category,
    description,
    currency,
    decimal(amount, currency),
    decimal(fee, currency),
    decimal(net, currency),
    csvTime(available),
    balanceStatus(available, now),
    payout,
    orderNumber,
    paymentIntent,
    source,
  ]);
}

/** bigint columns come from the cursor as text: exact digits, made a number once, here. */
function decimal(value: number | string, currency: string): CsvDecimal {
  return { decimal: formatDecimal(Number(value), currency) };
}
