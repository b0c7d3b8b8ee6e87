import { invalidateCatalogue } from '@/lib/catalogue/queries';
import { deliverAfterResponse } from '@/lib/email/after-response';

/** What a committed change to orders leaves to do once its transaction is over. */
export interface CommittedEffects {
  /** Mail queued in the transaction (the outbox keeps it if sending fails). */
  queuedEmailIds: number[];
  /** Reserved stock went back on sale: the catalogue's cached stock is stale. */
  releasedStock: boolean;
}

/**
 * The one after-commit step of every order change (webhook, admin operation, success page,
 * reconcile, abandoned checkout): purge the catalogue if stock came back, then send the mail.
 * Call it only after the transaction committed: before, a rollback would leave mail sent and the
 * catalogue showing stock that is still held.
 */
export async function afterCommit(effects: CommittedEffects): Promise<void> {
  if (effects.releasedStock) invalidateCatalogue();
  await deliverAfterResponse(effects.queuedEmailIds);
}

/** The effects of one transition (lib/orders/transition.ts), as afterCommit takes them. */
export function effectsOf(transition: {
  queuedEmailId: number | null;
  releasedStock: boolean;
}): CommittedEffects {
  return {
    queuedEmailIds: transition.queuedEmailId === null ? [] : [transition.queuedEmailId],
    releasedStock: transition.releasedStock,
  };
}
