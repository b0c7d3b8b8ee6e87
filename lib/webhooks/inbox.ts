import { and, asc, eq, inArray, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { db, type Database, type Executor, type Transaction } from '@/db/client';
import { stripeEvents, type StripeEvent } from '@/db/schema';
import { afterCommit } from '@/lib/orders/after-commit';
import { recordAudit, type AuditActor } from '@/lib/platform/audit-log';
import { applyStripeEvent } from './dispatch';
import type { HandledEvent } from './handler';
import type { WebhookOutcome } from './outcome';
import { PaymentNotYetKnown, UNKNOWN_PAYMENT_GRACE_MS } from './payment-event';

/**
 * The webhook inbox. The route records a verified event (`recordStripeEvent`: one INSERT, the
 * dedupe) and answers 2xx; drains apply what is recorded. A drain takes due events oldest first
 * with FOR UPDATE SKIP LOCKED, so any number of drains, in any number of instances, take disjoint
 * batches and never apply one event twice; a crash before the commit leaves the events
 * `received` for the next drain. Each event of a batch runs in its own savepoint: one that throws
 * is rolled back alone and kept `failed` with its error, retried later on its own.
 *
 * An event about a payment no order holds yet (PaymentNotYetKnown) is parked `waiting`, and woken
 * by the drain that applies the event giving an order that payment, instead of a 5xx that would
 * leave it to Stripe's next retry.
 */

/** Events applied per transaction. */
export const INBOX_BATCH_SIZE = 50;
/**
 * Drains one process runs side by side. Applying is round trips to Postgres, not CPU: one drain
 * alone waits on the database most of the time. SKIP LOCKED gives each its own batches.
 */
export const DRAIN_LANES = 4;
/** A failing event is retried this many times, backing off, then left to an operator. */
export const MAX_APPLY_ATTEMPTS = 8;
/** A waiting event is also re-tried on this period, in case its wake-up was missed. */
const WAITING_RECHECK_MS = 30_000;

/**
 * `received`: a new event. `due_again`: already recorded and not applied yet, now due at once.
 * `duplicate`: already applied; nothing to do.
 */
export type RecordResult = 'received' | 'due_again' | 'duplicate';

/**
 * Records a verified event in the inbox. A second delivery of an event already recorded changes
 * nothing, except that one not yet applied becomes due at once (a resend from Stripe's Dashboard
 * is a request to try again).
 */
export async function recordStripeEvent(
  event: Stripe.Event,
  database: Executor = db(),
): Promise<RecordResult> {
  const [recorded] = await database
    .insert(stripeEvents)
    .values({
      id: event.id,
      type: event.type,
      created: new Date(event.created * 1000),
      payload: event,
      state: 'received',
    })
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  if (recorded) return 'received';
  const dueAgain = await database
    .update(stripeEvents)
    .set({ nextAttemptAt: sql`now()` })
    .where(and(eq(stripeEvents.id, event.id), ne(stripeEvents.state, 'applied')))
    .returning({ id: stripeEvents.id });
  return dueAgain.length > 0 ? 'due_again' : 'duplicate';
}

/** What applying one recorded event came to. */
export type AppliedEvent =
  | { kind: 'processed' | 'ignored'; detail: string }
  | { kind: 'waiting'; detail: string }
  | { kind: 'failed'; detail: string };

type RowOutcome = AppliedEvent & { effects?: HandledEvent };

export interface DrainReport {
  applied: number;
  waiting: number;
  failed: number;
}

/**
 * Applies every due event (in batches of INBOX_BATCH_SIZE) and every waiting event whose payment
 * became known meanwhile, until none is left that this drain can take. Events another drain holds
 * are skipped: that drain applies them.
 */
export async function drainInbox(
  options: { database?: Database; batchSize?: number } = {},
): Promise<DrainReport> {
  const database = options.database ?? db();
  const report: DrainReport = { applied: 0, waiting: 0, failed: 0 };
  for (;;) {
    const outcomes = await applyBatch(database, options.batchSize ?? INBOX_BATCH_SIZE);
    for (const outcome of outcomes) count(report, outcome);
    // Failed events are retried one per transaction, so a poisonous one harms no batch.
    const retried = outcomes.length === 0 ? await retryOneFailed(database) : null;
    if (retried) count(report, retried);
    if (outcomes.length > 0 || retried) continue;
    if ((await wakeWaitingEvents(database)) === 0) return report;
  }
}

/**
 * Applies the recorded event `id` now, waiting for a drain that holds it (not skipping it), then
 * whatever it woke. For callers that must know the event's outcome before they go on: reconcile,
 * scripts, tests. An event already applied reports what it did then.
 */
export async function applyRecordedEvent(
  id: string,
  database: Database = db(),
): Promise<AppliedEvent> {
  const outcome = await database.transaction(async (tx): Promise<RowOutcome | null> => {
    const [row] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, id)).for('update');
    if (!row) throw new Error(`event ${id} is not in the inbox`);
    if (row.state === 'applied') return null;
    const result = await applyRow(tx, row, { savepoints: true });
    if (result.effects) {
      await markApplied(tx, [{ row, handled: result.effects }]);
      await wakeWaitingEvents(tx);
    }
    return result;
  });
  if (!outcome) return describeApplied(id, database);
  if (outcome.effects) await afterCommit(outcome.effects);
  await drainInbox({ database });
  return { kind: outcome.kind, detail: outcome.detail };
}

/**
 * An operator's "apply again" for an event that failed (admin event log): it is taken at once,
 * with its attempts counted afresh, and the audit log says who asked. Returns what it came to, or
 * null if the event was not failed (applied meanwhile, or never received).
 */
export async function reapplyFailedEvent(
  id: string,
  actor: AuditActor,
  database: Database = db(),
): Promise<AppliedEvent | null> {
  const reset = await database.transaction(async (tx) => {
    const [row] = await tx
      .update(stripeEvents)
      .set({ state: 'received', attempts: 0, nextAttemptAt: sql`now()` })
      .where(and(eq(stripeEvents.id, id), eq(stripeEvents.state, 'failed')))
      .returning({ type: stripeEvents.type, lastError: stripeEvents.lastError });
    if (!row) return false;
    await recordAudit(tx, actor, {
      action: 'stripe_event.reapply',
      targetType: 'stripe_event',
      targetId: id,
      detail: { type: row.type, lastError: row.lastError },
    });
    return true;
  });
  return reset ? applyRecordedEvent(id, database) : null;
}

/**
 * Takes up to `batchSize` due events and applies them in one transaction. First without
 * savepoints (the common case: nothing throws, and a savepoint per event would cost two more round
 * trips each); if one throws, the whole transaction rolls back and the batch is taken again with a
 * savepoint per event, so that event alone is rolled back and marked failed.
 */
async function applyBatch(database: Database, batchSize: number): Promise<RowOutcome[]> {
  let outcomes: RowOutcome[];
  try {
    outcomes = await applyDueEvents(database, batchSize, { savepoints: false });
  } catch (error) {
    if (!(error instanceof BatchNeedsSavepoints)) throw error;
    outcomes = await applyDueEvents(database, batchSize, { savepoints: true });
  }
  for (const outcome of outcomes) if (outcome.effects) await afterCommit(outcome.effects);
  return outcomes;
}

/** Rolls a batch's transaction back so that it is applied again, event by event. */
class BatchNeedsSavepoints extends Error {
  constructor(readonly eventId: string) {
    super(`event ${eventId} failed in a batch`);
  }
}

async function applyDueEvents(
  database: Database,
  batchSize: number,
  options: { savepoints: boolean },
): Promise<RowOutcome[]> {
  return database.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(stripeEvents)
      .where(
        and(
          inArray(stripeEvents.state, ['received', 'waiting']),
          lte(stripeEvents.nextAttemptAt, sql`now()`),
        ),
      )
      .orderBy(asc(stripeEvents.created), asc(stripeEvents.receivedAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const outcomes: RowOutcome[] = [];
    const applied: Array<{ row: StripeEvent; handled: HandledEvent }> = [];
    for (const row of due) {
      const outcome = await applyRow(tx, row, options);
      outcomes.push(outcome);
      if (outcome.effects) applied.push({ row, handled: outcome.effects });
    }
    await markApplied(tx, applied);
    if (applied.some(({ handled }) => handled.kind === 'processed')) await wakeWaitingEvents(tx);
    return outcomes;
  });
}

async function retryOneFailed(database: Database): Promise<RowOutcome | null> {
  const outcome = await database.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(stripeEvents)
      .where(and(eq(stripeEvents.state, 'failed'), lte(stripeEvents.nextAttemptAt, sql`now()`)))
      .orderBy(asc(stripeEvents.nextAttemptAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!row) return null;
    const result = await applyRow(tx, row, { savepoints: true });
    if (result.effects) {
      await markApplied(tx, [{ row, handled: result.effects }]);
      await wakeWaitingEvents(tx);
    }
    return result;
  });
  if (outcome?.effects) await afterCommit(outcome.effects);
  return outcome;
}

/**
 * Applies one locked inbox row; the caller marks it applied (`markApplied`, one statement per
 * batch). With `savepoints`, a handler that throws has its writes rolled back alone and the row is
 * marked failed in the transaction; without, the throw rolls back the whole batch
 * (BatchNeedsSavepoints). PaymentNotYetKnown needs no savepoint either way: it is thrown before a
 * handler writes anything (lib/webhooks/payment-event.ts), so the row is parked as waiting.
 */
async function applyRow(
  tx: Transaction,
  row: StripeEvent,
  options: { savepoints: boolean },
): Promise<RowOutcome> {
  if (!row.payload)
    return markFailed(tx, row, new Error('recorded before the inbox kept payloads'));
  const event = row.payload as Stripe.Event;
  let handled: HandledEvent;
  try {
    handled = options.savepoints
      ? await tx.transaction((savepoint) => applyStripeEvent(savepoint, event))
      : await applyStripeEvent(tx, event);
  } catch (error) {
    if (error instanceof PaymentNotYetKnown) return markWaiting(tx, row, error);
    if (!options.savepoints) throw new BatchNeedsSavepoints(row.id);
    return markFailed(tx, row, error);
  }
  console.info(`[stripe webhook] ${row.id} ${row.type} ${handled.kind}: ${handled.detail}`);
  return { kind: handled.kind, detail: handled.detail, effects: handled };
}

/** Marks the rows applied, with what each handler did, in one statement. */
async function markApplied(
  tx: Executor,
  applied: Array<{ row: StripeEvent; handled: HandledEvent }>,
): Promise<void> {
  if (applied.length === 0) return;
  const results = applied.map(({ row, handled }) => ({
    id: row.id,
    result: `${handled.kind}: ${handled.detail}`,
  }));
  await tx.execute(sql`
    UPDATE stripe_events AS e
       SET state = 'applied', processed_at = now(), next_attempt_at = NULL,
           attempts = e.attempts + 1, waiting_for = NULL, last_error = NULL, result = r.result
      FROM jsonb_to_recordset(${JSON.stringify(results)}::jsonb) AS r(id text, result text)
     WHERE e.id = r.id`);
}

async function markWaiting(
  tx: Executor,
  row: StripeEvent,
  error: PaymentNotYetKnown,
): Promise<RowOutcome> {
  // Past the grace period the handler ignores the event instead of waiting, so a waiting event
  // is re-tried at the latest when that period ends.
  const graceEnds = row.created.getTime() + UNKNOWN_PAYMENT_GRACE_MS + 1000;
  const recheck = new Date(Math.min(Date.now() + WAITING_RECHECK_MS, graceEnds));
  await tx
    .update(stripeEvents)
    .set({
      state: 'waiting',
      waitingFor: error.payment,
      nextAttemptAt: recheck,
      attempts: row.attempts + 1,
      result: error.message,
    })
    .where(eq(stripeEvents.id, row.id));
  console.info(`[stripe webhook] ${row.id} ${row.type} ${error.message}`);
  return { kind: 'waiting', detail: error.message };
}

async function markFailed(tx: Executor, row: StripeEvent, error: unknown): Promise<RowOutcome> {
  const attempts = row.attempts + 1;
  const message = messageOf(error);
  // A deadlock or serialization failure says nothing about the event: try again at once.
  const isTransient = ['40P01', '40001'].includes(errorCode(error) ?? '');
  const backoffMs = isTransient ? 0 : Math.min(1000 * 2 ** (attempts - 1), 5 * 60_000);
  const givesUp = !isTransient && attempts >= MAX_APPLY_ATTEMPTS;
  console.error(
    `[stripe webhook] ${row.id} ${row.type} failed (attempt ${attempts}${givesUp ? ', left to an operator' : ''}):`,
    error,
  );
  await tx
    .update(stripeEvents)
    .set({
      state: 'failed',
      attempts: isTransient ? row.attempts : attempts,
      nextAttemptAt: givesUp ? null : new Date(Date.now() + backoffMs),
      lastError: message.slice(0, 2000),
    })
    .where(eq(stripeEvents.id, row.id));
  return { kind: 'failed', detail: message };
}

/**
 * Makes due every waiting event whose payment an order now holds past pending (or whose order
 * moved on): the drain that applied that order's event calls this in its transaction, and a
 * drain that found nothing else calls it too, which covers an event parked while the order's
 * event was being applied.
 */
async function wakeWaitingEvents(tx: Executor): Promise<number> {
  // SKIP LOCKED: a waiting event another drain holds is that drain's to apply (or park again, and
  // then its own last wake-up, after its commit, finds it).
  const woken = await tx.execute(sql`
    UPDATE stripe_events SET next_attempt_at = now()
    WHERE id IN (
      SELECT e.id FROM stripe_events e
      WHERE e.state = 'waiting' AND e.next_attempt_at > now()
        AND EXISTS (SELECT 1 FROM orders o
                    WHERE o.stripe_payment_intent_id = e.waiting_for AND o.status <> 'pending')
      FOR UPDATE SKIP LOCKED)`);
  return woken.count;
}

async function describeApplied(id: string, database: Database): Promise<AppliedEvent> {
  const [row] = await database
    .select({ result: stripeEvents.result })
    .from(stripeEvents)
    .where(and(eq(stripeEvents.id, id), isNotNull(stripeEvents.result)));
  const [kind, ...rest] = (row?.result ?? 'processed: ').split(': ');
  return { kind: kind === 'ignored' ? 'ignored' : 'processed', detail: rest.join(': ') };
}

function count(report: DrainReport, outcome: AppliedEvent): void {
  if (outcome.kind === 'waiting') report.waiting++;
  else if (outcome.kind === 'failed') report.failed++;
  else report.applied++;
}

/** Drizzle wraps a database error ("Failed query: ...") around Postgres's own, in `cause`. */
function databaseErrorOf(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error ? error.cause : error;
}

function messageOf(error: unknown): string {
  const cause = databaseErrorOf(error);
  return cause instanceof Error ? cause.message : String(cause);
}

function errorCode(error: unknown): string | undefined {
  const code = (databaseErrorOf(error) as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Records `event` and applies it before returning, with its outcome: for callers that are not
 * answering Stripe (reconcile, scripts, tests). Only a failure to record it is `retryable_error`.
 */
export async function recordAndApply(
  event: Stripe.Event,
  options: { database?: Database } = {},
): Promise<WebhookOutcome> {
  const database = options.database ?? db();
  let recorded: RecordResult;
  try {
    recorded = await recordStripeEvent(event, database);
  } catch (error) {
    console.error(`[stripe webhook] ${event.id} ${event.type} could not be recorded:`, error);
    return { kind: 'retryable_error', detail: 'could not record the event; retry later' };
  }
  if (recorded !== 'received') {
    if (recorded === 'due_again') await drainSoon(database);
    return { kind: 'duplicate', detail: 'already received' };
  }
  try {
    return await applyRecordedEvent(event.id, database);
  } catch (error) {
    // The record stands: the next drain (worker, cron, start-up) applies it.
    console.error(`[stripe webhook] ${event.id} ${event.type} recorded, not applied yet:`, error);
    return { kind: 'received', detail: 'recorded; applying failed and is left to the next drain' };
  }
}

// One drain loop per process (of DRAIN_LANES drains side by side): kicks while it runs make it go
// round once more, so a burst of deliveries is applied in full batches, not one transaction each.
let activeDrain: Promise<void> | null = null;
let drainAgain = false;

/**
 * Starts draining the inbox unless this process already is, in which case that drain goes round
 * once more. Resolves when the drain that will see everything recorded before the call is over.
 */
export function drainSoon(database: Database = db()): Promise<void> {
  if (activeDrain) {
    drainAgain = true;
    return activeDrain;
  }
  activeDrain = (async () => {
    try {
      do {
        drainAgain = false;
        await Promise.all(Array.from({ length: DRAIN_LANES }, () => drainInbox({ database })));
      } while (drainAgain);
    } catch (error) {
      // Nothing is lost: what was not applied stays in the inbox for the next drain.
      console.error('[stripe webhook] draining the inbox failed; the next drain retries:', error);
    } finally {
      activeDrain = null;
    }
  })();
  return activeDrain;
}
