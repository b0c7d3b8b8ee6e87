import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, type Tone } from '@/components/admin/badge';
import { ConfirmActionForm } from '@/components/admin/confirm-action-form';
import { DataTable, EmptyRow } from '@/components/admin/data-table';
import { formatAdminTime } from '@/components/admin/orders-table';
import { StripeId } from '@/components/admin/stripe-id';
import {
  inboxBacklog,
  listStripeEvents,
  parseEventState,
  STRIPE_EVENT_STATES,
  stripeEventOutcome,
  stripeEventTypes,
  type StripeEventRow,
  type StripeEventState,
} from '@/lib/admin/stripe-events';
import { requireAdmin } from '@/lib/auth/auth';
import { reapplyEventAction } from '@/lib/webhooks/admin-actions';

export const metadata: Metadata = { title: 'Webhook events' };

const STATE_LABELS: Record<StripeEventState, string> = {
  received: 'Received',
  waiting: 'Waiting',
  applied: 'Applied',
  failed: 'Failed',
};
const STATE_TONES: Record<StripeEventState, Tone> = {
  received: 'neutral',
  waiting: 'warn',
  applied: 'good',
  failed: 'bad',
};

/** What became of the event: its one-line result, why it waits, or its error and the next try. */
function EventResult({ event }: { event: StripeEventRow }) {
  if (event.state === 'failed')
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm text-danger">{event.lastError ?? 'failed'}</p>
        <p className="text-xs text-muted">
          {event.attempts} {event.attempts === 1 ? 'attempt' : 'attempts'}
          {event.nextAttemptAt
            ? `, retried on its own after ${formatAdminTime(event.nextAttemptAt)}`
            : ', no more automatic retries'}
        </p>
        <ConfirmActionForm
          action={reapplyEventAction}
          hidden={{ eventId: event.id }}
          label="Apply again"
          confirmLabel="Apply it now"
          pendingLabel="Applying…"
          question={`Apply ${event.type} (${event.id}) again now?`}
        />
      </div>
    );
  if (event.state === 'received') return <span className="text-muted">Not applied yet</span>;
  return <span>{event.result ?? ''}</span>;
}

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const params = await searchParams;
  const type = typeof params.type === 'string' && params.type !== '' ? params.type : undefined;
  const state = parseEventState(params.state);
  const before = typeof params.before === 'string' ? params.before : undefined;
  const reapplied = typeof params.reapplied === 'string' ? params.reapplied : undefined;
  const [events, types, backlog, reappliedEvent] = await Promise.all([
    listStripeEvents({ type, state, before }),
    stripeEventTypes(),
    inboxBacklog(),
    reapplied ? stripeEventOutcome(reapplied) : null,
  ]);
  const older = events.length === 100 ? events.at(-1)?.receivedAt.toISOString() : undefined;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Webhook events</h1>
      {reappliedEvent ? (
        <p
          role="status"
          className="rounded-md border border-accent/30 bg-accent/5 px-3 py-2 text-sm text-accent-strong"
        >
          {`Applied ${reappliedEvent.type} (${reappliedEvent.id}) again: ${STATE_LABELS[reappliedEvent.state].toLowerCase()}`}
          {reappliedEvent.result ? `, ${reappliedEvent.result}` : ''}
        </p>
      ) : null}
      <p className="text-sm text-muted" aria-label="Inbox backlog">
        {`${backlog.received} not applied yet · ${backlog.waiting} waiting for their payment · ${backlog.failed} failed`}
      </p>
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
        <label className="flex flex-col gap-1 text-sm font-medium">
          State
          <select
            name="state"
            defaultValue={state ?? ''}
            className="rounded-md border border-line bg-white px-2 py-1.5 font-normal"
          >
            <option value="">All states</option>
            {STRIPE_EVENT_STATES.map((value) => (
              <option key={value} value={value}>
                {STATE_LABELS[value]}
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
            <th scope="col">State</th>
            <th scope="col">Result</th>
            <th scope="col">Order</th>
            <th scope="col">Event</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <EmptyRow columns={6}>No webhook events received yet.</EmptyRow>
          ) : null}
          {events.map((event) => (
            <tr key={event.id}>
              <td className="whitespace-nowrap tabular-nums">
                {formatAdminTime(event.receivedAt)}
              </td>
              <td className="font-mono text-xs">{event.type}</td>
              <td>
                <Badge tone={STATE_TONES[event.state]}>{STATE_LABELS[event.state]}</Badge>
              </td>
              <td className="max-w-md">
                <EventResult event={event} />
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
          href={`/admin/events?${new URLSearchParams({ ...(type ? { type } : {}), ...(state ? { state } : {}), before: older })}`}
          className="self-end rounded-md border border-line px-3 py-1.5 text-sm hover:bg-paper"
        >
          Older →
        </Link>
      ) : null}
    </div>
  );
}
