import Link from 'next/link';
import type { OrderRow } from '@/lib/admin/order-list';
import { formatMoney } from '@/lib/money';
import { OrderStatusBadge } from './badge';
import { DataTable, EmptyRow } from './data-table';
import { FulfilmentBadge } from './fulfilment-badge';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function formatAdminTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** A day, such as a payout's arrival date (Stripe gives it as midnight UTC). */
export function formatAdminDate(date: Date): string {
  return dateOnly.format(date);
}

export function OrdersTable({
  rows,
  caption,
  empty,
  sort,
  sortHref,
  date = 'created',
}: {
  rows: OrderRow[];
  caption: string;
  empty: string;
  /** When given, the Date column says how the list is sorted and links to the other way. */
  sort?: 'ascending' | 'descending';
  sortHref?: string;
  /** Which date the Date column shows: when the order was placed, or paid (the packing list). */
  date?: 'created' | 'paid';
}) {
  const dateLabel = date === 'paid' ? 'Paid' : 'Date';
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Status</th>
          <th scope="col">Fulfilment</th>
          <th scope="col" aria-sort={sort}>
            {sort && sortHref ? (
              <Link href={sortHref} className="underline-offset-2 hover:underline">
                {dateLabel} {sort === 'descending' ? '↓' : '↑'}
                <span className="sr-only">
                  {sort === 'descending'
                    ? ', newest first; show oldest first'
                    : ', oldest first; show newest first'}
                </span>
              </Link>
            ) : (
              dateLabel
            )}
          </th>
          <th scope="col">Customer</th>
          <th scope="col" className="!text-right">
            Items
          </th>
          <th scope="col" className="!text-right">
            Total
          </th>
          <th scope="col" className="!text-right">
            Refunded
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? <EmptyRow columns={8}>{empty}</EmptyRow> : null}
        {rows.map((order) => (
          <tr key={order.id}>
            <td>
              <Link
                href={`/admin/orders/${order.number}`}
                className="font-medium tabular-nums underline-offset-2 hover:underline"
              >
                #{order.number}
              </Link>
            </td>
            <td>
              <OrderStatusBadge status={order.status} disputed={order.isDisputed} />
            </td>
            <td>
              {order.fulfilmentStatus ? (
                <FulfilmentBadge status={order.fulfilmentStatus} />
              ) : (
                <span className="text-muted">—</span>
              )}
            </td>
            <td className="whitespace-nowrap tabular-nums">
              {date === 'paid'
                ? order.paidAt
                  ? formatAdminTime(order.paidAt)
                  : '—'
                : formatAdminTime(order.createdAt)}
            </td>
            <td>
              <span className="block max-w-64 truncate">{order.email ?? '—'}</span>
              {order.customerName ? (
                <span className="block max-w-64 truncate text-xs text-muted">
                  {order.customerName}
                </span>
              ) : null}
            </td>
            <td className="text-right tabular-nums">{order.itemCount}</td>
            <td className="text-right tabular-nums">
              {formatMoney(order.amountTotal, order.currency)}
            </td>
            <td className="text-right tabular-nums">
              {order.amountRefunded > 0 ? formatMoney(order.amountRefunded, order.currency) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
