import { after } from 'next/server';
import { deliverQueuedEmail } from './delivery';

/**
 * Sends freshly queued mail once the response has gone out (Next's `after()`), so neither Stripe
 * nor the customer waits on SMTP. Call it only after the queueing transaction has committed.
 * Outside a request (scripts, tests) `after()` throws; there the mail is sent before returning.
 */
export async function deliverAfterResponse(outboxIds: number[]): Promise<void> {
  if (outboxIds.length === 0) return;
  const deliver = async () => {
    for (const id of outboxIds) {
      // The outbox keeps the message; the cron retry picks it up if this attempt breaks.
      await deliverQueuedEmail(id).catch((error: unknown) =>
        console.error(`[email] delivering message ${id} failed:`, error),
      );
    }
  };
  try {
    after(deliver);
  } catch {
    await deliver();
  }
}
