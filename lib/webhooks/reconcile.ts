import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db } from '@/db/client';
import { orders, stripeEvents, syncCursors } from '@/db/schema';
import { syncBalance, type BalanceSyncReport } from '@/lib/balance/sync';
import { cancelUnpaidOrder } from '@/lib/checkout/abandon';
import { CHECKOUT_SESSION_LIFETIME_SECONDS } from '@/lib/checkout/session-params';
import { fulfilCheckoutById } from '@/lib/checkout/fulfilment';
import { stripe } from '@/lib/stripe';
import { HANDLED_EVENT_TYPES } from '@/lib/webhooks/dispatch';
import { drainInbox, recordAndApply, type DrainReport } from '@/lib/webhooks/inbox';

/**
 * Recovery: first drain the webhook inbox (events recorded by an instance that died before
 * applying them; on Vercel this cron is the drain of last resort). Then, for webhooks that never
 * arrived (Stripe guarantees neither delivery nor order), list Stripe's events since a cursor and
 * record and apply the ones stripe_events lacks, through the same inbox; then ask Stripe about orders still pending after their session expired. Both paths
 * dedupe as the webhook does (the event id, the order's row lock and the forward-only state
 * machine), so reconcile and the webhook can run at the same time, any number of times.
 */

const CURSOR = 'stripe_events';
/** Re-read this much before the cursor: events created in the same second may list late. */
const OVERLAP_SECONDS = 5 * 60;
/** Stripe's events API returns the last 30 days. */
const RETENTION_SECONDS = 30 * 24 * 60 * 60;
const PAGE_SIZE = 100;
const PENDING_BATCH = 100;

export interface EventsReport {
  listed: number;
  applied: number;
  alreadyRecorded: number;
  failed: number;
  /** Where the next run starts (ISO time), or null when nothing has been listed yet. */
  cursor: string | null;
}

export interface PendingReport {
  checked: number;
  changed: number;
  failed: number;
  /** Orders whose checkout died before it had a session (see cancelInterruptedCheckouts). */
  interruptedCanceled: number;
}

export interface ReconcileReport {
  inbox: DrainReport;
  events: EventsReport;
  pendingOrders: PendingReport;
  balance: BalanceSyncReport;
}

/**
 * Last, the balance mirror: the transactions of everything applied above, and what the payouts
 * recovered from missed payout.* events paid out.
 */
export async function reconcile(): Promise<ReconcileReport> {
  const inbox = await drainInbox();
  const events = await reconcileStripeEvents();
  const pendingOrders = await recheckExpiredPendingOrders();
  const balance = await syncBalance();
  return { inbox, events, pendingOrders, balance };
}

/** (a) Applies the events since the cursor that were never recorded, oldest first. */
export async function reconcileStripeEvents(): Promise<EventsReport> {
  const [cursor] = await db().select().from(syncCursors).where(eq(syncCursors.name, CURSOR));
  const now = Math.floor(Date.now() / 1000);
  const since = cursor
    ? Math.floor(cursor.position.getTime() / 1000) - OVERLAP_SECONDS
    : now - RETENTION_SECONDS;
  const listed = await listEventsSince(Math.max(since, now - RETENTION_SECONDS));
  const recorded = await recordedIds(listed.map((event) => event.id));

  let applied = 0;
  const retry: Stripe.Event[] = [];
  for (const event of listed.filter((e) => !recorded.has(e.id))) {
    if (await apply(event)) applied++;
    else retry.push(event);
  }
  // One more pass: an event that came before its order's session event (a dispute, a refund)
  // is applied once the session event above has been.
  const failed: Stripe.Event[] = [];
  for (const event of retry) {
    if (await apply(event)) applied++;
    else failed.push(event);
  }

  const position = nextPosition(cursor?.position ?? null, listed, failed);
  if (position) {
    await db()
      .insert(syncCursors)
      .values({ name: CURSOR, position })
      .onConflictDoUpdate({ target: syncCursors.name, set: { position, updatedAt: new Date() } });
  }
  if (failed.length > 0) {
    console.error(
      `[reconcile] ${failed.length} event(s) could not be applied and will be retried: ${failed.map((e) => `${e.id} ${e.type}`).join(', ')}`,
    );
  }
  return {
    listed: listed.length,
    applied,
    alreadyRecorded: recorded.size,
    failed: failed.length,
    cursor: position?.toISOString() ?? null,
  };
}

/** (b) Orders still pending after their session expired: Stripe's session says what became of them. */
export async function recheckExpiredPendingOrders(): Promise<PendingReport> {
  const stale = await db()
    .select({ number: orders.number, sessionId: orders.stripeCheckoutSessionId })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'pending'),
        isNotNull(orders.stripeCheckoutSessionId),
        lt(orders.expiresAt, new Date()),
      ),
    )
    .orderBy(asc(orders.expiresAt))
    .limit(PENDING_BATCH);
  const report: PendingReport = {
    checked: stale.length,
    changed: 0,
    failed: 0,
    interruptedCanceled: await cancelInterruptedCheckouts(),
  };
  for (const { number, sessionId } of stale) {
    try {
      const result = await fulfilCheckoutById(sessionId!, { actor: 'system' });
      if (result.kind === 'order' && result.changed) report.changed++;
    } catch (error) {
      report.failed++;
      console.error(`[reconcile] could not re-check order ${number} (${sessionId}):`, error);
    }
  }
  return report;
}

/**
 * A checkout commits its order (stock held) before asking Stripe for a session, then stores the
 * session's id. A process killed in between leaves an order no session will ever expire, holding
 * its stock forever. Its customer never received a payment page (the URL is returned only after
 * the id is stored), so once the order's expiry has passed it is canceled and the stock returned.
 * Orders from before expires_at was set at insert fall back to their creation time.
 */
async function cancelInterruptedCheckouts(): Promise<number> {
  const lifetime = sql.raw(`interval '${CHECKOUT_SESSION_LIFETIME_SECONDS} seconds'`);
  const interrupted = await db()
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'pending'),
        isNull(orders.stripeCheckoutSessionId),
        sql`coalesce(${orders.expiresAt}, ${orders.createdAt} + ${lifetime}) < ${new Date().toISOString()}::timestamptz`,
      ),
    )
    .limit(PENDING_BATCH);
  for (const { id } of interrupted) await cancelUnpaidOrder(id, 'checkout_interrupted');
  return interrupted.length;
}

async function apply(event: Stripe.Event): Promise<boolean> {
  const outcome = await recordAndApply(event);
  if (outcome.kind === 'retryable_error') return false;
  if (outcome.kind !== 'duplicate')
    console.info(`[reconcile] ${event.id} ${event.type} ${outcome.kind}: ${outcome.detail}`);
  return true;
}

/** Stripe's events list filters on at most this many types at once. */
const TYPES_PER_LIST = 20;

/**
 * Every handled event created at or after `since`, oldest first (the API lists newest first). The
 * handled types are listed in groups of TYPES_PER_LIST and merged in order of creation.
 */
async function listEventsSince(since: number): Promise<Stripe.Event[]> {
  const listed: Stripe.Event[] = [];
  for (let i = 0; i < HANDLED_EVENT_TYPES.length; i += TYPES_PER_LIST) {
    const types = HANDLED_EVENT_TYPES.slice(i, i + TYPES_PER_LIST);
    listed.push(...(await listEventsOfTypes(since, types)));
  }
  // Within one second, the lists' order (newest first) reversed stands: sort is stable.
  return listed.sort((a, b) => a.created - b.created);
}

async function listEventsOfTypes(since: number, types: string[]): Promise<Stripe.Event[]> {
  const newestFirst: Stripe.Event[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = await stripe().events.list({
      created: { gte: since },
      types,
      limit: PAGE_SIZE,
      ...(startingAfter && { starting_after: startingAfter }),
    });
    newestFirst.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || !last) break;
    startingAfter = last.id;
  }
  return newestFirst.reverse();
}

async function recordedIds(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db()
      .select({ id: stripeEvents.id })
      .from(stripeEvents)
      .where(inArray(stripeEvents.id, ids.slice(i, i + 500)));
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/**
 * The newest event listed, or, when some could not be applied, the oldest of those: the next run
 * lists from there again. Never earlier than needed, never past an unapplied event.
 */
function nextPosition(
  current: Date | null,
  listed: Stripe.Event[],
  failed: Stripe.Event[],
): Date | null {
  const seconds =
    failed.length > 0
      ? Math.min(...failed.map((event) => event.created))
      : Math.max(...listed.map((event) => event.created), current ? current.getTime() / 1000 : 0);
  return seconds > 0 ? new Date(seconds * 1000) : current;
}
