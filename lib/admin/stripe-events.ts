import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { STRIPE_EVENT_STATES, stripeEvents, type StripeEventState } from '@/db/schema';

export interface StripeEventRow {
  id: string;
  type: string;
  created: Date;
  receivedAt: Date;
  state: StripeEventState;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  processedAt: Date | null;
  result: string | null;
  orderNumber: number | null;
}

export { STRIPE_EVENT_STATES, type StripeEventState };

/** The filter's state, if it names one. */
export function parseEventState(value: unknown): StripeEventState | undefined {
  return STRIPE_EVENT_STATES.find((state) => state === value);
}

const PAGE = 100;

/**
 * Recent webhook events, newest first, optionally of one type. The linked order comes from the
 * timeline row the event wrote (order_events.stripe_event_id), so ignored events have none.
 */
export async function listStripeEvents(filter: {
  type?: string;
  state?: StripeEventState;
  before?: string;
}): Promise<StripeEventRow[]> {
  const at = filter.before ? new Date(filter.before) : undefined;
  // A date Postgres cannot hold (JavaScript's reach into year -271821) is ignored, not a 500.
  const year = at?.getUTCFullYear() ?? NaN;
  const before = year >= 1 && year <= 9999 ? at : undefined;
  return db()
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      created: stripeEvents.created,
      receivedAt: stripeEvents.receivedAt,
      state: stripeEvents.state,
      attempts: stripeEvents.attempts,
      nextAttemptAt: stripeEvents.nextAttemptAt,
      lastError: stripeEvents.lastError,
      processedAt: stripeEvents.processedAt,
      result: stripeEvents.result,
      orderNumber: sql<number | null>`(
        SELECT o.number FROM order_events e JOIN orders o ON o.id = e.order_id
        WHERE e.stripe_event_id = stripe_events.id LIMIT 1)`,
    })
    .from(stripeEvents)
    .where(
      and(
        filter.type ? eq(stripeEvents.type, filter.type) : undefined,
        filter.state ? eq(stripeEvents.state, filter.state) : undefined,
        before && lt(stripeEvents.receivedAt, before),
      ),
    )
    .orderBy(desc(stripeEvents.receivedAt))
    .limit(PAGE);
}

export async function stripeEventTypes(): Promise<string[]> {
  const rows = await db()
    .selectDistinct({ type: stripeEvents.type })
    .from(stripeEvents)
    .orderBy(stripeEvents.type);
  return rows.map((row) => row.type);
}

/** How many events are in each state that is not `applied`: the inbox's backlog at a glance. */
export async function inboxBacklog(): Promise<
  Record<Exclude<StripeEventState, 'applied'>, number>
> {
  const rows = await db()
    .select({ state: stripeEvents.state, count: sql<number>`count(*)::int` })
    .from(stripeEvents)
    .where(sql`${stripeEvents.state} <> 'applied'`)
    .groupBy(stripeEvents.state);
  const backlog = { received: 0, waiting: 0, failed: 0 };
  for (const row of rows) if (row.state !== 'applied') backlog[row.state] = row.count;
  return backlog;
}

/** One event's state and result, for the notice after an operator applied it again. */
export async function stripeEventOutcome(
  id: string,
): Promise<Pick<StripeEventRow, 'id' | 'type' | 'state' | 'result' | 'lastError'> | null> {
  const [row] = await db()
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      state: stripeEvents.state,
      result: stripeEvents.result,
      lastError: stripeEvents.lastError,
    })
    .from(stripeEvents)
    .where(eq(stripeEvents.id, id));
  return row ?? null;
}
