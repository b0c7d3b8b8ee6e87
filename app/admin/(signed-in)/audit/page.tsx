import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { formatAdminTime } from '@/components/admin/orders-table';
import { listAudit, type AuditRow } from '@/lib/admin/audit';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Audit log' };

function Target({ row }: { row: AuditRow }) {
  if (row.targetType === 'order' && row.targetLabel)
    return (
      <Link
        href={`/admin/orders/${row.targetLabel.slice(1)}`}
        className="underline underline-offset-2"
      >
        Order {row.targetLabel}
      </Link>
    );
  if (row.targetType === 'product' && row.targetLabel)
    return (
      <Link href={`/admin/products/${row.targetId}`} className="underline underline-offset-2">
        {row.targetLabel}
      </Link>
    );
  if (row.targetType === 'dispute')
    return (
      <Link href={`/admin/disputes/${row.targetId}`} className="underline underline-offset-2">
        Dispute {row.targetId}
      </Link>
    );
  if (row.targetId === '*') return <span>All {row.targetType.replaceAll('_', ' ')}s</span>;
  return <span className="font-mono text-xs">{`${row.targetType} ${row.targetId}`}</span>;
}

export default async function AuditPage() {
  await requireAdmin();
  const rows = await listAudit();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <DataTable caption="Admin actions, newest first">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Did</th>
            <th scope="col">To</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? <EmptyRow columns={5}>No admin actions yet.</EmptyRow> : null}
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="whitespace-nowrap tabular-nums">{formatAdminTime(row.at)}</td>
              <td className="break-all">{row.actor}</td>
              <td className="font-mono text-xs">{row.action}</td>
              <td>
                <Target row={row} />
              </td>
              <td className="max-w-md">
                {row.detail ? (
                  <code
                    className="block truncate text-xs text-muted"
                    title={JSON.stringify(row.detail)}
                  >
                    {JSON.stringify(row.detail)}
                  </code>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
