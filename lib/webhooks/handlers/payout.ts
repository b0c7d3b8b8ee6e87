import { mirrorPayout } from '@/lib/balance/payouts';
import type { HandledEvent } from '@/lib/webhooks/handler';
import type { Executor } from '@/db/client';
import type Stripe from 'stripe';

/**
 * payout.created, .updated, .paid, .failed and .canceled carry the payout as it is now: the mirror
 * keeps the newest report (an older event arriving late changes nothing), and the balance sync then
 * lists what the payout paid out (lib/balance/sync.ts).
 */
export async function applyPayoutEvent(
  tx: Executor,
  event: { id: string; type: string; created: number; data: { object: Stripe.Payout } },
): Promise<HandledEvent> {
  const payout = event.data.object;
  const result = await mirrorPayout(tx, payout, new Date(event.created * 1000));
  const failure = payout.failure_code ? ` (${payout.failure_code})` : '';
  return {
    kind: result === 'stale' ? 'ignored' : 'processed',
    detail:
      result === 'stale'
        ? `payout ${payout.id}: a newer report is already recorded`
        : `payout ${payout.id} ${payout.status}${failure}`,
    queuedEmailIds: [],
    releasedStock: false,
  };
}
