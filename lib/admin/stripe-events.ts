import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { stripeEvents } from '@/db/schema';

export interface StripeEventRow {
  id: string;
  type: string;
  created: Date;
  receivedAt: Date;
  processedAt: Date | null;
  result: string | null;
  orderNumber: number | null;
}

const PAGE = 100;

/**
 * Recent webhook events, newest first, optionally of one type. The linked order comes from the
 * timeline row the event wrote (order_events.stripe_event_id), so ignored events have none.
 */
export async function listStripeEvents(filter: {
  type?: string;
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
