import Link from 'next/link';
import type { BalanceTransaction } from '@/db/schema';
import { DataTable, EmptyRow } from './data-table';
import { MoneyColumns, MoneyColumnsHead } from './money-columns';
import { formatAdminTime } from './orders-table';
import { StripeId } from './stripe-id';

/**
 * Balance transactions with their amount, Stripe's fee and the net, and where each belongs: the
 * order (on a payout's page) or the payout that paid it out (on an order's page).
 */
export function BalanceTransactionsTable({
  rows,
  caption,
  empty,
  link,
  totals,
}: {
  rows: Array<BalanceTransaction & { orderNumber?: number | null }>;
  caption: string;
  empty: string;
  link: 'order' | 'payout';
  /** A last row summing every transaction (also those not listed). */
  totals?: { amount: number; fee: number; net: number; currency: string };
}) {
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Type</th>
          <th scope="col">{link === 'order' ? 'Order' : 'Payout'}</th>
          <MoneyColumnsHead />
          <th scope="col">Transaction</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? <EmptyRow columns={7}>{empty}</EmptyRow> : null}
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="whitespace-nowrap">{formatAdminTime(row.created)}</td>
            <td className="whitespace-nowrap">{row.reportingCategory.replace(/_/g, ' ')}</td>
            <td className="whitespace-nowrap">
              {link === 'order' ? (
                row.orderNumber ? (
                  <Link
                    href={`/admin/orders/${row.orderNumber}`}
                    className="tabular-nums underline underline-offset-2"
                  >
                    #{row.orderNumber}
                  </Link>
                ) : (
                  <span className="text-muted">—</span>
                )
              ) : row.payoutId ? (
                <Link
                  href={`/admin/money/payouts/${row.payoutId}`}
                  className="font-mono text-xs underline underline-offset-2"
                >
                  {row.payoutId}
                </Link>
              ) : (
                <span className="text-muted">Not paid out yet</span>
              )}
            </td>
            <MoneyColumns amount={row.amount} fee={row.fee} net={row.net} currency={row.currency} />
            <td>
              <StripeId id={row.id} />
            </td>
          </tr>
        ))}
      </tbody>
      {totals && rows.length > 0 ? (
        <tfoot>
          <tr className="font-medium">
            <th scope="row" colSpan={3} className="!bg-white !text-ink">
              Total
            </th>
            <MoneyColumns
              amount={totals.amount}
              fee={totals.fee}
              net={totals.net}
              currency={totals.currency}
            />
            <td />
          </tr>
        </tfoot>
      ) : null}
    </DataTable>
  );
}
