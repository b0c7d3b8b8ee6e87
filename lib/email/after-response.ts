import { runAfterResponse } from '@/lib/platform/after-response';
import { deliverQueuedEmail } from './delivery';

/**
 * Sends freshly queued mail once the response has gone out, so neither Stripe nor the customer
 * waits on SMTP (outside a request, before returning). Call it only after the queueing
 * transaction has committed.
 */
export async function deliverAfterResponse(outboxIds: number[]): Promise<void> {
  if (outboxIds.length === 0) return;
  await runAfterResponse('email', async () => {
    for (const id of outboxIds) {
      // The outbox keeps the message; the cron retry picks it up if this attempt breaks.
      await deliverQueuedEmail(id).catch((error: unknown) =>
        console.error(`[email] delivering message ${id} failed:`, error),
      );
    }
  });
}
