import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/admin/badge';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { formatAdminTime } from '@/components/admin/orders-table';
import { StripeId } from '@/components/admin/stripe-id';
import { listStripeEvents, stripeEventTypes } from '@/lib/admin/stripe-events';
import { requireAdmin } from '@/lib/auth/auth';

export const metadata: Metadata = { title: 'Webhook events' };

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const params = await searchParams;
  const type = typeof params.type === 'string' && params.type !== '' ? params.type : undefined;
  const before = typeof params.before === 'string' ? params.before : undefined;
  const [events, types] = await Promise.all([
    listStripeEvents({ type, before }),
    stripeEventTypes(),
  ]);
  const older = events.length === 100 ? events.at(-1)?.receivedAt.toISOString() : undefined;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Webhook events</h1>
      <form
        method="get"
        className="flex flex-wrap items-end gap-2"
        role="search"
        aria-label="Filter events"
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Type
          <select
            name="type"
            defaultValue={type ?? ''}
            className="rounded-md border border-line bg-white px-2 py-1.5 font-normal"
          >
            <option value="">All types</option>
            {types.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-strong"
        >
          Filter
        </button>
      </form>
      <DataTable caption="Stripe webhook events, newest first">
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Type</th>
            <th scope="col">Result</th>
            <th scope="col">Order</th>
            <th scope="col">Event</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <EmptyRow columns={5}>No webhook events received yet.</EmptyRow>
          ) : null}
          {events.map((event) => (
            <tr key={event.id}>
              <td className="whitespace-nowrap tabular-nums">
                {formatAdminTime(event.receivedAt)}
              </td>
              <td className="font-mono text-xs">{event.type}</td>
              <td>
                {event.processedAt ? (
                  <span>{event.result ?? 'processed'}</span>
                ) : (
                  <Badge tone="warn">Not processed</Badge>
                )}
              </td>
              <td>
                {event.orderNumber ? (
                  <Link
                    href={`/admin/orders/${event.orderNumber}`}
                    className="tabular-nums underline underline-offset-2"
                  >
                    #{event.orderNumber}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <StripeId id={event.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {older ? (
        <Link
          href={`/admin/events?${new URLSearchParams({ ...(type ? { type } : {}), before: older })}`}
          className="self-end rounded-md border border-line px-3 py-1.5 text-sm hover:bg-paper"
        >
          Older →
        </Link>
      ) : null}
    </div>
  );
}
