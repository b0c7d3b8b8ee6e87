import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { formatAdminTime } from '@/components/admin/orders-table';
import { OutboxStatus } from '@/components/admin/outbox-status';
import { listOutbox } from '@/lib/admin/outbox';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Mail' };

export default async function MailPage() {
  await requireAdmin();
  const messages = await listOutbox();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Mail</h1>
      <p className="text-sm text-muted">
        Every message the store sends goes through this outbox. Without SMTP_URL, messages stay
        queued here.
      </p>
      <DataTable caption="Outbox, newest first">
        <thead>
          <tr>
            <th scope="col">Queued</th>
            <th scope="col">Status</th>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">Order</th>
            <th scope="col" className="!text-right">
              Attempts
            </th>
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 ? <EmptyRow columns={6}>No mail yet.</EmptyRow> : null}
          {messages.map((message) => (
            <tr key={message.id}>
              <td className="whitespace-nowrap tabular-nums">
                {formatAdminTime(message.createdAt)}
              </td>
              <td>
                <OutboxStatus status={message.status} />
              </td>
              <td className="break-all">{message.recipient}</td>
              <td>
                <Link href={`/admin/mail/${message.id}`} className="underline underline-offset-2">
                  {message.subject}
                </Link>
              </td>
              <td className="tabular-nums">
                {message.orderNumber ? (
                  <Link href={`/admin/orders/${message.orderNumber}`}>#{message.orderNumber}</Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="text-right tabular-nums">{message.attempts}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
