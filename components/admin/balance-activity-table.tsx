import Link from 'next/link';
import {
  activityTypeLabel,
  balanceStatus,
  type BalanceActivityRow,
} from '@/lib/admin/balance-report';
import type { CurrencyTotals } from '@/lib/admin/balance-totals';
import { Badge } from './badge';
import { DataTable, EmptyRow } from './data-table';
import { MoneyColumns, MoneyColumnsHead } from './money-columns';
import { formatAdminTime } from './orders-table';

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function BalanceActivityTable({
  rows,
  now,
  empty,
}: {
  rows: BalanceActivityRow[];
  /** The moment pending and available are decided against (the page's request time). */
  now: Date;
  empty: string;
}) {
  return (
    <DataTable caption="Balance activity, newest first">
      <thead>
        <tr>
          <th scope="col" aria-sort="descending">
            Date
          </th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
          <MoneyColumnsHead />
          <th scope="col">Available on</th>
          <th scope="col">Payout</th>
          <th scope="col">Order</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? <EmptyRow columns={9}>{empty}</EmptyRow> : null}
        {rows.map((row) => {
          const status = balanceStatus(row.availableOn, now);
          return (
            <tr key={row.id}>
              <td className="whitespace-nowrap tabular-nums">{formatAdminTime(row.created)}</td>
              <td className="whitespace-nowrap">{activityTypeLabel(row.reportingCategory)}</td>
              <td>
                <span className="block max-w-64 truncate">{row.description ?? '—'}</span>
              </td>
              <MoneyColumns
                amount={row.amount}
                fee={row.fee}
                net={row.net}
                currency={row.currency}
              />
              <td className="whitespace-nowrap">
                <span className="tabular-nums">{day.format(row.availableOn)}</span>{' '}
                <Badge tone={status === 'pending' ? 'warn' : 'good'}>
                  {status === 'pending' ? 'Pending' : 'Available'}
                </Badge>
              </td>
              <td>
                {row.payoutId ? (
                  <Link
                    href={`/admin/money/payouts/${encodeURIComponent(row.payoutId)}`}
                    className="break-all font-mono text-xs underline underline-offset-2"
                  >
                    {row.payoutId}
                  </Link>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
              <td>
                {row.orderNumber !== null ? (
                  <Link
                    href={`/admin/orders/${row.orderNumber}`}
                    className="font-medium tabular-nums underline-offset-2 hover:underline"
                  >
                    #{row.orderNumber}
                  </Link>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

/** The whole filtered set's sums, one row per currency (never added across currencies). */
export function BalanceTotalsTable({ totals }: { totals: CurrencyTotals[] }) {
  return (
    <DataTable caption="Totals of the filtered activity, per currency">
      <thead>
        <tr>
          <th scope="col">Currency</th>
          <th scope="col" className="!text-right">
            Transactions
          </th>
          <MoneyColumnsHead />
        </tr>
      </thead>
      <tbody>
        {totals.length === 0 ? <EmptyRow columns={5}>No transactions.</EmptyRow> : null}
        {totals.map((total) => (
          <tr key={total.currency}>
            <th scope="row" className="!bg-white !text-ink">
              {total.currency.toUpperCase()}
            </th>
            <td className="text-right tabular-nums">{total.count.toLocaleString('en-US')}</td>
            <MoneyColumns
              amount={total.amount}
              fee={total.fee}
              net={total.net}
              currency={total.currency}
            />
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
