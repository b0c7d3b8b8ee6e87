// Watching the inbox apply what the webhook route recorded: the route answers once the event is
// stored, so "paid" happens after the load, in the store's drains (lib/webhooks/README.md).
import type { BenchStack } from './stack';

/** How often the database is polled while waiting (ms). */
export const POLL_MS = 50;

/** Events recorded and not applied yet (`received`, `waiting`) and those that failed. */
export async function inboxBacklog(
  stack: BenchStack,
): Promise<{ pending: number; failed: number }> {
  const pg = stack.database.sql;
  const [row] = await pg<{ pending: number; failed: number }[]>`
    SELECT count(*) FILTER (WHERE state IN ('received', 'waiting'))::int AS pending,
           count(*) FILTER (WHERE state = 'failed')::int AS failed
      FROM stripe_events WHERE state <> 'applied'`;
  return row!;
}

/**
 * Polls until `probe` answers true, or gives up after `timeoutMs`. Resolves to when it first saw
 * true (epoch ms), or null on a timeout: the caller's check fails rather than the run hanging.
 */
export async function pollUntil(
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return Date.now();
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Waits for the inbox to have nothing left to apply; false on a timeout. */
export async function waitForEmptyInbox(stack: BenchStack, timeoutMs: number): Promise<boolean> {
  return (
    (await pollUntil(async () => (await inboxBacklog(stack)).pending === 0, timeoutMs)) !== null
  );
}

/**
 * Paid orders numbered `first`..`last`. The benchmark measures the highest-numbered orders of one
 * insert, made before any other, so that range holds them and no others, and counting it on the
 * unique index is cheap, where a list of 20,000 ids would cost the database more on each poll
 * than the applying it watches.
 */
export async function paidInRange(stack: BenchStack, first: number, last: number): Promise<number> {
  const pg = stack.database.sql;
  const [row] = await pg<{ paid: number }[]>`
    SELECT count(*)::int AS paid FROM orders
     WHERE number BETWEEN ${first} AND ${last} AND status = 'paid'`;
  return row!.paid;
}
