import type { OrderEvent } from '@/db/schema';
import { ORDER_STATUS_LABELS } from '@/lib/orders/status';
import { formatAdminTime } from './orders-table';

function describe(event: OrderEvent): string {
  const kind = event.kind.replace(/[_.]/g, ' ');
  if (event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus)
    return `${kind}: ${ORDER_STATUS_LABELS[event.fromStatus]} → ${ORDER_STATUS_LABELS[event.toStatus]}`;
  if (event.toStatus) return `${kind}: ${ORDER_STATUS_LABELS[event.toStatus]}`;
  return kind;
}

/** The order's history from order_events, oldest first, as text (details shown as JSON, escaped by React). */
export function OrderTimeline({ events }: { events: OrderEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-muted">No events recorded yet.</p>;
  return (
    <ol className="flex flex-col gap-3 border-l border-line pl-4">
      {events.map((event) => (
        <li key={event.id} className="text-sm">
          <p className="font-medium first-letter:uppercase">{describe(event)}</p>
          <p className="text-xs text-muted">
            <time dateTime={event.at.toISOString()}>{formatAdminTime(event.at)}</time> ·{' '}
            {event.actor}
            {event.stripeEventId ? ` · ${event.stripeEventId}` : ''}
          </p>
          {event.detail && Object.keys(event.detail).length > 0 ? (
            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-paper p-2 text-xs text-muted">
              {JSON.stringify(event.detail)}
            </pre>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
