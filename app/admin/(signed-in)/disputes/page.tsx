import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { DisputeStatusBadge, disputeReason, timeLeft } from '@/components/admin/dispute-status';
import { formatAdminTime } from '@/components/admin/orders-table';
import { requireAdmin } from '@/lib/auth/auth';
import { listDisputes } from '@/lib/disputes/queries';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = { title: 'Disputes' };

export default async function DisputesPage() {
  await requireAdmin();
  const disputes = await listDisputes();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Disputes</h1>
      <p className="max-w-prose text-sm text-muted">
        An unanswered dispute is lost, with its fee. Those that need a response come first, the
        nearest deadline first.
      </p>
      <DataTable caption="Disputes, those needing a response first">
        <thead>
          <tr>
            <th scope="col">Dispute</th>
            <th scope="col">Order</th>
            <th scope="col">Reason</th>
            <th scope="col" className="!text-right">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col">Respond by</th>
          </tr>
        </thead>
        <tbody>
          {disputes.length === 0 ? <EmptyRow columns={6}>No disputes.</EmptyRow> : null}
          {disputes.map((dispute) => (
            <tr key={dispute.id}>
              <td>
                <Link
                  href={`/admin/disputes/${dispute.id}`}
                  className="font-mono text-xs underline underline-offset-2"
                >
                  {dispute.id}
                </Link>
              </td>
              <td>
                {dispute.orderNumber ? (
                  <Link
                    href={`/admin/orders/${dispute.orderNumber}`}
                    className="underline underline-offset-2"
                  >
                    #{dispute.orderNumber}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td>{disputeReason(dispute.reason)}</td>
              <td className="text-right tabular-nums">
                {formatMoney(dispute.amount, dispute.currency)}
              </td>
              <td>
                <DisputeStatusBadge status={dispute.status} />
              </td>
              <td>
                {dispute.evidenceDueBy ? formatAdminTime(dispute.evidenceDueBy) : '—'}
                {dispute.status.endsWith('needs_response') ? (
                  <span className="block text-xs text-muted">
                    {timeLeft(dispute.evidenceDueBy)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
