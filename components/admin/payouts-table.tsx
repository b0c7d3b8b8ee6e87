import Link from 'next/link';
import type { Payout } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { PayoutStatusBadge } from './badge';
import { DataTable, EmptyRow } from './data-table';
import { formatAdminDate, formatAdminTime } from './orders-table';

/** Payouts with their status and arrival date; each links to what it paid out. */
export function PayoutsTable({
  rows,
  caption,
  empty,
}: {
  rows: Payout[];
  caption: string;
  empty: string;
}) {
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Payout</th>
          <th scope="col">Status</th>
          <th scope="col" className="!text-right">
            Amount
          </th>
          <th scope="col">Arrives</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? <EmptyRow columns={5}>{empty}</EmptyRow> : null}
        {rows.map((payout) => (
          <tr key={payout.id}>
            <td>
              <Link
                href={`/admin/money/payouts/${payout.id}`}
                className="font-mono text-xs underline underline-offset-2"
              >
                {payout.id}
              </Link>
            </td>
            <td>
              <PayoutStatusBadge status={payout.status} />
            </td>
            <td className="whitespace-nowrap text-right tabular-nums">
              {formatMoney(payout.amount, payout.currency)}
            </td>
            <td className="whitespace-nowrap">{formatAdminDate(payout.arrivalDate)}</td>
            <td className="whitespace-nowrap">{formatAdminTime(payout.created)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
