import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { formatAdminTime } from '@/components/admin/orders-table';
import { OutboxStatus } from '@/components/admin/outbox-status';
import { Section } from '@/components/admin/section';
import { findOutboxMessage } from '@/lib/admin/outbox';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Message' };

export default async function MailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const raw = (await params).id;
  const message = /^\d{1,15}$/.test(raw) ? await findOutboxMessage(Number(raw)) : null;
  if (!message) notFound();
  return (
    <div className="flex flex-col gap-4">
      <Link href="/admin/mail" className="text-sm text-muted hover:underline">
        ← Mail
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{message.subject}</h1>
        <OutboxStatus status={message.status} />
      </div>
      <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">To</dt>
        <dd className="break-all">{message.recipient}</dd>
        <dt className="text-muted">Queued</dt>
        <dd>{formatAdminTime(message.createdAt)}</dd>
        <dt className="text-muted">Sent</dt>
        <dd>{message.sentAt ? formatAdminTime(message.sentAt) : 'Not yet'}</dd>
        <dt className="text-muted">Attempts</dt>
        <dd className="tabular-nums">{message.attempts}</dd>
        {message.lastError ? (
          <>
            <dt className="text-muted">Last error</dt>
            <dd className="text-danger">{message.lastError}</dd>
          </>
        ) : null}
        {message.orderNumber ? (
          <>
            <dt className="text-muted">Order</dt>
            <dd>
              <Link
                href={`/admin/orders/${message.orderNumber}`}
                className="underline underline-offset-2"
              >
                #{message.orderNumber}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
      <Section title="Preview" id="preview-heading">
        {/* Plain text, rendered as text: nothing in a message body can run here. */}
        <pre className="max-w-3xl overflow-x-auto whitespace-pre-wrap break-words font-sans text-sm">
          {message.body}
        </pre>
      </Section>
    </div>
  );
}
